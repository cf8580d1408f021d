package io.entroflow.app.alerts;

import io.entroflow.topology.alert.AlertRule;
import io.entroflow.topology.route.AlertLabels;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The labels an alert of a spec's rule carries, completed from a partial label set: given
 * {@code rule} or {@code alertname} naming a rule of the spec, the labels the monitor sets on every
 * alert of that rule ({@code alertname}, {@code rule}, {@code monitor}, {@code operator},
 * {@code severity}: {@link AlertRule#labels}) are added where not given, so that
 * {@code routes test --labels 'rule=r,key=k'} is checked against what the router will really see
 * (a subscription on {@code severity=critical} selects it when the rule is critical). Labels given
 * are kept as given. O(rules + labels).
 *
 * @param labels the completed labels, sorted by name
 * @param rule   the spec's rule they were completed from, or null (no such rule: the labels as given)
 * @param added  the names of the labels added, sorted
 */
public record RuleLabels(Map<String, String> labels, String rule, List<String> added) {
    public RuleLabels {
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
        added = List.copyOf(added);
    }

    /**
     * Completes {@code given} from the rule of {@code rules} named by its {@code rule} label (else its
     * {@code alertname}); unchanged when no rule has that name, or when {@code rule} and
     * {@code alertname} are both given and differ (no alert of the monitor has such labels).
     *
     * @param monitor the spec's monitor name
     */
    public static RuleLabels complete(Map<String, String> given, String monitor, List<AlertRule> rules) {
        Map<String, String> labels = new TreeMap<>(given);
        String name = given.getOrDefault(AlertLabels.RULE, given.get(AlertLabels.ALERTNAME));
        if (name == null || !name.equals(given.getOrDefault(AlertLabels.ALERTNAME, name))) {
            return new RuleLabels(labels, null, List.of());
        }
        AlertRule rule = rules.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
        if (rule == null) {
            return new RuleLabels(labels, null, List.of());
        }
        List<String> added = new ArrayList<>();
        new TreeMap<>(rule.labels(monitor, null)).forEach((k, v) -> {
            if (labels.putIfAbsent(k, v) == null) {
                added.add(k);
            }
        });
        return new RuleLabels(labels, rule.name(), added);
    }
}
