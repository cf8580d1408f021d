package io.entroflow.app.cli;

import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.route.RoutingPlan;

/**
 * The topics of a monitor's alert routing, as its spec's {@code routing} section names them.
 *
 * @param subscriptions compacted, one record per subscription
 * @param silences      compacted, one record per silence
 * @param notifications every notification made (the audit log)
 * @param deadLetter    the monitor's dead-letter topic
 * @param alertState    compacted, the latest state of every alert
 */
record RoutingTopics(String subscriptions, String silences, String notifications, String deadLetter, String alertState) {
    /** The routing topics of {@code plan}; a spec without a {@code routing} section is a usage error naming {@code option}. */
    static RoutingTopics of(String option, MonitorPlan plan) {
        RoutingPlan r = routing(option, plan);
        var out = plan.spec().outputs();
        return new RoutingTopics(r.subscriptionsTopic(), r.silencesTopic(), r.notificationsTopic(), out.deadLetter(),
                out.alertState());
    }

    /** The routing plan of {@code plan}, which must have one. */
    static RoutingPlan routing(String option, MonitorPlan plan) {
        if (plan.routing() == null) {
            throw CommandFailure.usage(option + ": the spec of monitor '" + plan.monitor() + "' has no routing section;"
                    + " add one (e.g. 'routing: {}') so the monitor routes its alerts to subscriptions");
        }
        return plan.routing();
    }
}
