package io.entroflow.topology.stream;

import io.entroflow.schemas.spec.MonitorSpecLoader;
import io.entroflow.schemas.spec.SpecValidationException;
import io.entroflow.schemas.wire.AggregateRecord;
import io.entroflow.topology.operator.OperatorRegistry;
import io.entroflow.topology.plan.MonitorPlanner;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Transfer entropy between two input topics, aligned in event time by {@code input.align}: topic
 * {@code leader} carries a random bit per second, topic {@code follower} copies the previous
 * second's bit. Per key, the aligned samples are (leader, follower) per active one-second bucket.
 */
class CrossTopicTransferEntropyTest {
    private static final String SPEC = """
            monitor: m
            input: {topics: [leader, follower], lateness: 3s, align: {bucket: 1s}}
            signals:
              - {name: lead, kind: categorical, field: /v, values: ["0", "1"], topic: leader}
              - {name: follow, kind: categorical, field: /v, values: ["0", "1"], topic: follower}
            operators:
              - {name: drives, type: transfer-entropy, signals: [lead, follow], window: {count: 2000}}
              - {name: driven, type: transfer-entropy, signals: [follow, lead], window: {count: 2000}}
              - {name: own, type: entropy, signal: follow, window: {count: 2000}}
            aggregates: {interval: 100s}
            """;

    private record Event(String topic, long time, int bit) {
    }

    /** 1,200 seconds of events; the follower's record at second t+1 copies the leader's at t, 300 ms later in the second. */
    private static List<Event> events() {
        Random r = new Random(11);
        List<Event> events = new ArrayList<>();
        int previous = 0;
        for (int t = 0; t < 1_200; t++) {
            int bit = r.nextInt(2);
            events.add(new Event("leader", 1_000L * t + 100, bit));
            events.add(new Event("follower", 1_000L * t + 400, previous));
            previous = bit;
        }
        return events;
    }

    private static List<AggregateRecord> run(List<Event> events) {
        try (MonitorDriver d = new MonitorDriver(SPEC)) {
            for (Event e : events) {
                d.sendTo(e.topic(), "k", "{\"v\": \"" + e.bit() + "\"}", e.time());
            }
            assertThat(d.deadLetters()).isEmpty(); // a leader event lacks nothing the follower's signal needs
            assertThat(d.counters.eventsProcessed()).isEqualTo(events.size());
            return d.aggregates();
        }
    }

    @Test
    void shouldMeasureOneBitFlowingFromLeaderToFollowerAndNoneBack() {
        List<AggregateRecord> aggregates = run(events());
        AggregateRecord drives = last(aggregates, "drives");
        AggregateRecord driven = last(aggregates, "driven");
        assertThat(drives.value()).isCloseTo(1.0, within(0.02));
        assertThat(driven.value()).isCloseTo(0.0, within(0.02));
        assertThat(drives.events()).isGreaterThan(900); // aligned samples, one per closed second
        assertThat(last(aggregates, "own").events()).isEqualTo(1_100); // raw follower events in (1,000 s, 1,100 s)
    }

    @Test
    void shouldGiveTheSameAlignedAggregatesWhateverTheInterleavingOfTheTopicsWithinTheLateness() {
        List<Event> inOrder = events();
        List<Event> followerLate = new ArrayList<>(); // the follower topic arrives in bursts, up to 2.5 s behind
        List<Event> pending = new ArrayList<>();
        for (Event e : inOrder) {
            if (e.topic().equals("follower")) {
                pending.add(e);
            } else {
                followerLate.add(e);
                if (pending.size() == 3) {
                    followerLate.addAll(pending);
                    pending.clear();
                }
            }
        }
        followerLate.addAll(pending);
        assertThat(aligned(run(followerLate))).isEqualTo(aligned(run(inOrder))).hasSizeGreaterThan(20);
    }

    /** The aligned operators' aggregates without provenance (which names the input offsets that closed each bucket). */
    private static List<String> aligned(List<AggregateRecord> aggregates) {
        return aggregates.stream().filter(a -> !a.operator().equals("own"))
                .map(a -> a.operator() + "@" + a.time() + "=" + a.value() + "/" + a.events() + "[" + a.windowStart()
                        + "," + a.windowEnd() + "]")
                .toList();
    }

    @Test
    void shouldRefuseSignalsOfTwoTopicsWithoutAlignment() {
        String spec = SPEC.replace(", align: {bucket: 1s}", "");
        assertThatThrownBy(() -> new MonitorPlanner(OperatorRegistry.standard()).plan("t", MonitorSpecLoader.parse("t", spec)))
                .isInstanceOf(SpecValidationException.class)
                .hasMessageContaining("operators[0].signals: signals read from different topics {lead=leader, follow=follower}"
                        + " need input.align");
    }

    @Test
    void shouldRefuseATopicThatIsNotAnInput() {
        String spec = SPEC.replace("topic: follower}", "topic: nowhere}");
        assertThatThrownBy(() -> new MonitorPlanner(OperatorRegistry.standard()).plan("t", MonitorSpecLoader.parse("t", spec)))
                .isInstanceOf(SpecValidationException.class)
                .hasMessageContaining("signals[1].topic: 'nowhere' is not one of input.topics [leader, follower]");
    }

    private static AggregateRecord last(List<AggregateRecord> aggregates, String operator) {
        List<AggregateRecord> of = aggregates.stream().filter(a -> a.operator().equals(operator)).toList();
        assertThat(of).isNotEmpty();
        return of.get(of.size() - 1);
    }
}
