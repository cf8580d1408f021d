package io.entroflow.app.cli;

import io.entroflow.app.deliver.Endpoint;
import io.entroflow.schemas.wire.Subscription;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.route.Route;
import io.entroflow.topology.route.RoutingPlan;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code entroflow subscribe --config SPEC --id ID --match '{...}' (--to-topic T | --webhook URL |
 * --alertmanager URL) [--group-by L,...] [--group-wait D] [--group-interval D] [--repeat-interval D]
 * [--send-resolved[=BOOL]]}: writes (or replaces) one subscription record, checked as the router
 * checks it, to the monitor's compacted subscriptions topic. The running monitor applies it without a
 * restart.
 */
@Command(name = "subscribe", mixinStandardHelpOptions = true,
        description = {"Add or replace an alert subscription (a record of the compacted subscriptions topic).",
                "Matchers use Alertmanager's syntax: {rule=~\"entropy.*\",key!=\"svc-d\"} (= != =~ !~ on any label).",
                "The running monitor applies it without a restart."})
public final class SubscribeCommand implements Callable<Integer> {
    private static final Map<String, String> OPTION_BY_FIELD = Map.of("id", "--id", "match", "--match",
            "to.topic", "--to-topic", "to.webhook", "--webhook", "to.alertmanager", "--alertmanager", "group_by", "--group-by",
            "group_wait", "--group-wait", "group_interval", "--group-interval", "repeat_interval", "--repeat-interval");

    @Mixin
    AlertCommandOptions alerts;

    @Option(names = "--id", required = true, paramLabel = "ID", description = "The subscription's id (its notifications' receiver).")
    String id;

    @Option(names = "--match", required = true, paramLabel = "MATCHERS",
            description = "Alertmanager matchers selecting the alerts, e.g. '{rule=~\"entropy.*\",key!=\"svc-d\"}'; '{}' selects all.")
    String match;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Destination to;

    static final class Destination {
        @Option(names = "--to-topic", paramLabel = "TOPIC",
                description = "Write the notifications to a Kafka topic (exactly once; created if missing; not one of the monitor's own).")
        String topic;

        @Option(names = "--webhook", paramLabel = "URL", description = "POST them to an Alertmanager-compatible webhook receiver.")
        String webhook;

        @Option(names = "--alertmanager", paramLabel = "URL", description = "Post the alerts to an Alertmanager (its /api/v2/alerts).")
        String alertmanager;
    }

    @Option(names = "--group-by", split = ",", paramLabel = "LABEL",
            description = "Labels that split alerts into groups ('...' for all labels). Default: one group.")
    List<String> groupBy;

    @Option(names = "--group-wait", paramLabel = "DURATION", description = "Wait before a new group's first notification. Default 30s.")
    String groupWait;

    @Option(names = "--group-interval", paramLabel = "DURATION", description = "Wait before notifying a group's changes. Default 5m.")
    String groupInterval;

    @Option(names = "--repeat-interval", paramLabel = "DURATION",
            description = "Wait before repeating a still-firing, unchanged group. Default 4h.")
    String repeatInterval;

    @Option(names = "--send-resolved", negatable = true, arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
            description = "Notify resolved alerts too (--no-send-resolved: only firing ones). Default true.")
    Boolean sendResolved;

    private final PrintStream out;

    public SubscribeCommand() {
        this(System.out, System.err);
    }

    /** @param err unused: errors go through {@link OneLineErrors} */
    public SubscribeCommand(PrintStream out, PrintStream err) {
        this.out = out;
    }

    @Override
    public Integer call() {
        Subscription.Target target = to.topic != null ? Subscription.Target.topic(to.topic)
                : to.webhook != null ? Subscription.Target.webhook(to.webhook) : Subscription.Target.alertmanager(to.alertmanager);
        Subscription s = new Subscription(id, match, target, groupBy, groupWait, groupInterval, repeatInterval, sendResolved);
        Route route;
        try {
            route = Route.of(s);
            if (to.topic == null) {
                Endpoint.of(target); // what the delivery worker would refuse (e.g. a port outside 1..65535)
            }
        } catch (IllegalArgumentException e) {
            throw AlertCommandOptions.usage(e, OPTION_BY_FIELD);
        }
        String topic = alerts.topics().subscriptions();
        if (to.topic != null) {
            refuseOwnTopic(alerts.plan(), to.topic);
            alerts.ensureTopic(to.topic); // the router writes to it in its transactions: it must exist
        }
        alerts.write(topic, s.id(), s);
        out.println("subscription " + s.id() + ": " + route.matchers() + " -> " + target + " (written to " + topic + ")");
        return 0;
    }

    /**
     * Refuses a {@code --to-topic} that the monitor itself reads or writes (an input, an output, a
     * routing topic): the router would write notification payloads into it, e.g. into the silences
     * topic, where each one is dead-lettered as an invalid silence and kept by compaction. A usage
     * error naming the topic's role, before Kafka is contacted. O(topics of the spec).
     */
    static void refuseOwnTopic(MonitorPlan plan, String topic) {
        Map<String, String> own = new LinkedHashMap<>();
        plan.spec().input().topics().forEach(t -> own.put(t, "input topic"));
        var out = plan.spec().outputs();
        own.put(out.aggregates(), "aggregates topic (outputs.aggregates)");
        own.put(out.alertEvents(), "alert-events topic (outputs.alert-events)");
        own.put(out.alertState(), "alert-state topic (outputs.alert-state)");
        own.put(out.deadLetter(), "dead-letter topic (outputs.dead-letter)");
        own.put(plan.spec().aggregates().requests(), "aggregate-requests topic (aggregates.requests)");
        RoutingPlan r = RoutingTopics.routing("--config", plan);
        own.put(r.subscriptionsTopic(), "subscriptions topic (routing.subscriptions)");
        own.put(r.silencesTopic(), "silences topic (routing.silences)");
        own.put(r.notificationsTopic(), "notifications topic (routing.notifications)");
        own.put(r.inputTopic(), "internal routing input topic");
        String role = own.get(topic);
        if (role != null) {
            throw CommandFailure.usage("--to-topic: '" + topic + "' is the " + role + " of monitor '" + plan.monitor()
                    + "'; notifications need a topic of their own, e.g. '" + plan.monitor() + "-alerts-out'");
        }
    }
}
