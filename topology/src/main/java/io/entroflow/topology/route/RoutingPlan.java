package io.entroflow.topology.route;

import io.entroflow.schemas.spec.Durations;
import io.entroflow.schemas.spec.MonitorSpec;
import io.entroflow.schemas.spec.SpecPath;
import io.entroflow.schemas.spec.SpecPathException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The routing of a monitor, planned from the spec's {@code routing} section. Immutable.
 *
 * @param monitor            the monitor name (prefix of the router's nodes, stores and internal topic)
 * @param subscriptionsTopic compacted subscriptions topic (one partition)
 * @param silencesTopic      compacted silences topic (one partition)
 * @param notificationsTopic the audit log of notifications
 * @param externalUrl        {@code externalURL} of the payloads
 * @param maxSkewMillis      a partition lagging the most advanced one by more is not waited for
 * @param heartbeatMillis    event-time period of the partitions' heartbeats to the router (the aggregate interval)
 * @param inhibitions        inhibition rules, in spec order
 * @param outputSuffix       appended to the router's input topic and to the topic of every {@code {topic: T}}
 *                           subscription: "" live; a reprocessing's suffix, so that it writes nothing the live
 *                           monitor writes (its notifications topic is the spec's, which it suffixes too)
 */
public record RoutingPlan(String monitor, String subscriptionsTopic, String silencesTopic, String notificationsTopic,
                          String externalUrl, long maxSkewMillis, long heartbeatMillis, List<Inhibition> inhibitions,
                          String outputSuffix) {
    public RoutingPlan {
        inhibitions = List.copyOf(inhibitions);
    }

    /** A live plan (no output suffix). */
    public RoutingPlan(String monitor, String subscriptionsTopic, String silencesTopic, String notificationsTopic,
                       String externalUrl, long maxSkewMillis, long heartbeatMillis, List<Inhibition> inhibitions) {
        this(monitor, subscriptionsTopic, silencesTopic, notificationsTopic, externalUrl, maxSkewMillis, heartbeatMillis,
                inhibitions, "");
    }

    /** The same plan with {@code suffix} as its {@link #outputSuffix()}. */
    public RoutingPlan withOutputSuffix(String suffix) {
        return new RoutingPlan(monitor, subscriptionsTopic, silencesTopic, notificationsTopic, externalUrl,
                maxSkewMillis, heartbeatMillis, inhibitions, suffix);
    }

    /** The internal topic (one partition) carrying the monitor's alerts and heartbeats to the router. */
    public String inputTopic() {
        return monitor + "-route-input" + outputSuffix;
    }

    /** The topic a {@code {topic: T}} subscription's payloads are written to: T + the output suffix. */
    public String targetTopic(String t) {
        return t + outputSuffix;
    }

    /**
     * Plans {@code routing} (null: no routing, returns null), reporting every problem to {@code errors}
     * with its spec path, e.g. {@code routing.inhibit[0].source_matchers[1]: 3:4: ...}.
     */
    public static RoutingPlan plan(String monitor, MonitorSpec.Routing routing, long heartbeatMillis,
                                   Consumer<SpecPathException> errors) {
        if (routing == null) {
            return null;
        }
        SpecPath at = SpecPath.of("routing");
        long skew = 0;
        try {
            skew = Durations.parseMillis(at.field("max-skew"), routing.maxSkew());
        } catch (SpecPathException e) {
            errors.accept(e);
        }
        if (routing.subscriptions().equals(routing.silences())) {
            errors.accept(new SpecPathException(at.field("silences"), "must differ from routing.subscriptions, both are '"
                    + routing.silences() + "'"));
        }
        for (String t : List.of(routing.subscriptions(), routing.silences())) {
            if (t.equals(routing.notifications())) {
                errors.accept(new SpecPathException(at.field("notifications"), "must differ from the subscriptions and"
                        + " silences topics, got '" + t + "'"));
            }
        }
        List<Inhibition> rules = new ArrayList<>();
        for (int i = 0; i < routing.inhibit().size(); i++) {
            MonitorSpec.InhibitRule r = routing.inhibit().get(i);
            SpecPath rp = at.field("inhibit").index(i);
            LabelMatchers source = matchers(rp.field("source_matchers"), r.sourceMatchers(), errors);
            LabelMatchers target = matchers(rp.field("target_matchers"), r.targetMatchers(), errors);
            for (int k = 0; k < r.equal().size(); k++) {
                if (r.equal().get(k) == null || r.equal().get(k).isEmpty()) {
                    errors.accept(new SpecPathException(rp.field("equal").index(k), "empty label name", null));
                }
            }
            if (source != null && target != null) {
                rules.add(new Inhibition(source, target, r.equal()));
            }
        }
        return new RoutingPlan(monitor, routing.subscriptions(), routing.silences(), routing.notifications(),
                routing.externalUrl(), skew, heartbeatMillis, rules);
    }

    private static LabelMatchers matchers(SpecPath path, List<String> texts, Consumer<SpecPathException> errors) {
        List<LabelMatcher> all = new ArrayList<>();
        boolean ok = true;
        for (int k = 0; k < texts.size(); k++) {
            try {
                all.addAll(LabelMatchers.parse(texts.get(k)).matchers());
            } catch (IllegalArgumentException e) {
                errors.accept(new SpecPathException(path.index(k), e.getMessage() + " in '" + texts.get(k) + "'", e));
                ok = false;
            }
        }
        if (ok && all.isEmpty()) {
            errors.accept(new SpecPathException(path, "needs at least one matcher", null));
            ok = false;
        }
        return ok ? new LabelMatchers(all) : null;
    }
}
