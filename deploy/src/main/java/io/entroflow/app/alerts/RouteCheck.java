package io.entroflow.app.alerts;

import io.entroflow.topology.route.AlertLabels;
import io.entroflow.topology.route.Inhibition;
import io.entroflow.topology.route.Mute;
import io.entroflow.topology.route.Route;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What the router would do with an alert of the given labels at a given time: the subscriptions
 * whose matchers select it, the silences in force that mute it, and the inhibition rules that mute it
 * with the firing alert that does; all decided by the router's own {@link Route#matches},
 * {@link Mute#mutes} and {@link Inhibition#mutes}. As in Alertmanager, silences and inhibitions mute
 * the alert for every subscription. O(subscriptions + silences + rules · firing alerts).
 *
 * @param labels      the alert's labels
 * @param fingerprint their fingerprint
 * @param receiving   subscriptions whose matchers select the alert
 * @param others      subscriptions that do not
 * @param silencedBy  silences in force at the time that mute it
 * @param inhibitedBy inhibition rules (spec order) that mute it, each with one firing source
 */
public record RouteCheck(Map<String, String> labels, String fingerprint, List<Route> receiving, List<Route> others,
                         List<Mute> silencedBy, List<Inhibited> inhibitedBy) {
    /**
     * One inhibition that applies.
     *
     * @param index  the rule's position in the spec's {@code routing.inhibit}
     * @param rule   the rule
     * @param source the labels of a firing alert that inhibits the alert
     */
    public record Inhibited(int index, Inhibition rule, Map<String, String> source) {
    }

    /**
     * @param routes the current subscriptions
     * @param mutes  the current silences
     * @param rules  the spec's inhibition rules, in order
     * @param firing the labels of the alerts firing now
     * @param at     the time, epoch millis (event time of the alert)
     */
    public static RouteCheck of(Map<String, String> labels, Collection<Route> routes, Collection<Mute> mutes,
                                List<Inhibition> rules, Collection<Map<String, String>> firing, long at) {
        List<Route> receiving = new ArrayList<>();
        List<Route> others = new ArrayList<>();
        for (Route r : routes) {
            (r.matches(labels) ? receiving : others).add(r);
        }
        List<Mute> silenced = mutes.stream().filter(m -> m.mutes(labels, at)).toList();
        List<Inhibited> inhibited = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            for (Map<String, String> source : firing) {
                if (rules.get(i).mutes(labels, List.of(source))) {
                    inhibited.add(new Inhibited(i, rules.get(i), source));
                    break;
                }
            }
        }
        return new RouteCheck(Map.copyOf(labels), AlertLabels.fingerprint(labels), List.copyOf(receiving),
                List.copyOf(others), silenced, List.copyOf(inhibited));
    }

    /** True when some subscription would be notified: one selects the alert and nothing mutes it. */
    public boolean notified() {
        return !receiving.isEmpty() && silencedBy.isEmpty() && inhibitedBy.isEmpty();
    }
}
