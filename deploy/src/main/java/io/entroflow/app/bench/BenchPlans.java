package io.entroflow.app.bench;

import io.entroflow.schemas.spec.InputSpec;
import io.entroflow.schemas.spec.MonitorSpec;
import io.entroflow.schemas.spec.SignalSpec;
import io.entroflow.topology.operator.OperatorRegistry;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.plan.MonitorPlanner;

import java.util.List;

/**
 * A spec as one bench run needs it: reading the bench's input topic, under a monitor name of its own
 * ({@code <monitor>-<run>}, so its re-key topic, stores and changelogs are new and read from the
 * start) and with output topics of its own ({@code <topic>-<run>}, so a latency consumer sees only
 * this run's outputs). Everything else (signals, operators, windows, rules, intervals) is the spec's.
 */
public final class BenchPlans {
    private BenchPlans() {
    }

    /**
     * Checks that the bench can feed {@code spec}: one input topic, no signal read from another topic.
     *
     * @throws IllegalArgumentException naming the field otherwise
     */
    public static void requireSingleTopic(MonitorSpec spec) {
        if (spec.input().topics().size() != 1) {
            throw new IllegalArgumentException("input.topics: the bench feeds one input topic, the spec has "
                    + spec.input().topics().size() + " " + spec.input().topics());
        }
        for (SignalSpec s : spec.signals()) {
            if (s.topic() != null) {
                throw new IllegalArgumentException("signals." + s.name() + ".topic: the bench feeds one input topic,"
                        + " this signal reads '" + s.topic() + "'");
            }
        }
    }

    /** {@code spec} for run {@code run} reading {@code inputTopic}, planned with the standard operators. */
    public static MonitorPlan forRun(MonitorSpec spec, String inputTopic, String run) {
        requireSingleTopic(spec);
        String suffix = "-" + run;
        InputSpec in = spec.input();
        InputSpec input = new InputSpec(List.of(inputTopic), in.format(), in.key(), in.time(), in.lateness(), in.align(),
                in.maxFuture(), in.maxKeyBytes());
        MonitorSpec.Aggregates a = spec.aggregates();
        MonitorSpec.Outputs o = spec.outputs();
        MonitorSpec renamed = new MonitorSpec(spec.monitor() + suffix, input, spec.signals(), spec.operators(),
                a.withRequests(a.requests() + suffix), spec.rules(),
                new MonitorSpec.Outputs(o.aggregates() + suffix, o.alertEvents() + suffix, o.alertState() + suffix,
                        o.deadLetter() + suffix));
        return new MonitorPlanner(OperatorRegistry.standard()).plan(renamed.monitor(), renamed);
    }
}
