package io.entroflow.topology.stream;

import io.entroflow.schemas.wire.AggregateRecord;
import io.entroflow.schemas.wire.AlertRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key that goes quiet while another key keeps advancing stream time: its aggregates keep coming
 * every interval (emitted by the STREAM_TIME punctuator), its time window empties by stream time,
 * and its firing alert resolves after keep-firing-for. With {@code emit: every-interval}; the
 * default (on change) is {@link OnChangeEmissionTopologyTest}'s subject.
 */
class QuietKeyTopologyTest {
    private static final String SPEC = """
            monitor: m
            input: {topics: [events], lateness: 500ms}
            signals: [{name: s, kind: categorical, field: /s, values: [a, b]}]
            operators: [{name: h, type: entropy, signal: s, window: {time: 3s}}]
            aggregates: {interval: 1s, emit: every-interval}
            rules:
              - name: mixed
                operator: h
                severity: warning
                threshold: {above: 0.5}
                min-events: 1                 # the subject here is the emptying window, not the default minimum (10)
                keep-firing-for: 2s
            """;

    /** Key q alternates a/b every 250 ms until 3.75 s, then stops; key busy sends a every 250 ms until 20 s. */
    private static void drive(MonitorDriver d) {
        for (long t = 0; t <= 20_000; t += 250) {
            if (t < 4_000) {
                d.send("q", "{\"s\": \"" + ((t / 250) % 2 == 0 ? "a" : "b") + "\"}", t);
            }
            d.send("busy", "{\"s\": \"a\"}", t);
        }
    }

    @Test
    void shouldEmitEveryIntervalForAQuietKeyAndEmptyItsTimeWindowByStreamTime() {
        try (MonitorDriver d = new MonitorDriver(SPEC)) {
            drive(d);
            List<AggregateRecord> q = d.aggregates().stream().filter(a -> a.key().equals("q")).toList();
            assertThat(q).extracting(AggregateRecord::time)
                    .containsExactly(1000L, 2000L, 3000L, 4000L, 5000L, 6000L, 7000L, 8000L, 9000L, 10000L, 11000L,
                            12000L, 13000L, 14000L, 15000L, 16000L, 17000L, 18000L, 19000L, 20000L);
            AggregateRecord at6 = q.get(5); // events in (3 s, 6 s): 3.25 b, 3.5 a, 3.75 b
            assertThat(at6.events()).isEqualTo(3);
            assertThat(at6.windowStart()).isEqualTo(3001L);
            assertThat(at6.windowEnd()).isEqualTo(6000L);
            assertThat(at6.value()).isCloseTo(0.9182958340544896, org.assertj.core.data.Offset.offset(1e-12));
            AggregateRecord at7 = q.get(6); // every event of q is 3 s or more behind stream time
            assertThat(at7.events()).isZero();
            assertThat(at7.value()).isZero(); // the entropy of an empty window
            assertThat(at7.windowStart()).isEqualTo(4001L);
            assertThat(at7.windowEnd()).isEqualTo(7000L);
            assertThat(q.subList(6, q.size())).isNotEmpty().allSatisfy(a -> assertThat(a.events()).isZero());
            assertThat(q.subList(4, q.size())).isNotEmpty().allSatisfy(a -> assertThat(a.provenance()).isNull());
        }
    }

    @Test
    void shouldResolveTheQuietKeysAlertAfterKeepFiringFor() {
        try (MonitorDriver d = new MonitorDriver(SPEC)) {
            drive(d);
            List<AlertRecord> q = d.alertEvents().stream().filter(a -> a.labels().get("key").equals("q")).toList();
            assertThat(q).extracting(AlertRecord::status).containsExactly("firing", "resolved");
            // last active at 6 s; inactive from 7 s; resolved 2 s after the last active aggregate
            assertThat(q.get(1).endsAt()).isEqualTo("1970-01-01T00:00:08Z");
            assertThat(q.get(1).fingerprint()).isEqualTo(q.get(0).fingerprint());
        }
    }
}
