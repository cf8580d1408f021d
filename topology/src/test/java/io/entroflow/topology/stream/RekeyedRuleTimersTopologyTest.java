package io.entroflow.topology.stream;

import io.entroflow.schemas.wire.AlertRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * Rule deadlines when the key comes from a field: the task reads the input partition beside the
 * re-key partition, so its stream time reaches a boundary (and the rules' STREAM_TIME punctuation
 * runs) before the operators have their events past it. A deadline at that boundary fires once the
 * operators have caught up to it, at their first event past it, not one interval later; the
 * transitions are the same as with the record key (docs/architecture.md, "A boundary the stream time
 * reaches first").
 */
class RekeyedRuleTimersTopologyTest {
    private static final String REKEYED = QuietKeyRuleTimersTopologyTest.SPEC.replace(
            "time: {field: /ts}", "key: {field: /key}\n  time: {field: /ts}");

    /** q's x 0.9 at 1 s: its hot alert is pending from 2 s and fires at the 5 s boundary, where q is quiet. */
    private static void sendUpTo(MonitorDriver d, long until, List<Long> sent) {
        for (long t = sent.isEmpty() ? 0 : sent.get(sent.size() - 1) + 250; t <= until; t += 250) {
            if (t == 1_000) {
                d.send("q", "{\"key\": \"q\", \"ts\": 1000, \"x\": 0.9, \"y\": 1}", 1_000);
            }
            d.send("busy", "{\"key\": \"busy\", \"ts\": " + t + ", \"x\": 0.7, \"y\": 1}", t);
            sent.add(t);
        }
    }

    /** q's hot transitions so far ({@code d.alertEvents()} reads each once: they accumulate in {@code seen}). */
    private static List<AlertRecord> hotOfQ(MonitorDriver d, List<AlertRecord> seen) {
        seen.addAll(d.alertEvents());
        return seen.stream().filter(a -> "q".equals(a.labels().get("key")) && "hot".equals(a.labels().get("rule"))).toList();
    }

    @Test
    void aQuietKeysForElapsesAtTheFirstEventPastItsBoundaryNotAnIntervalLater() {
        for (String emit : List.of("on-change", "every-interval")) {
            try (MonitorDriver d = new MonitorDriver(REKEYED.replace("{interval: 1s}", "{interval: 1s, emit: " + emit + "}"))) {
                List<Long> sent = new ArrayList<>();
                List<AlertRecord> seen = new ArrayList<>();
                sendUpTo(d, 4_750, sent);
                assertThat(hotOfQ(d, seen)).as(emit).isEmpty();

                sendUpTo(d, 5_000, sent); // busy's event at 5 s: the first past the boundary
                assertThat(hotOfQ(d, seen)).as(emit).extracting(AlertRecord::status, a -> a.provenance().time())
                        .containsExactly(tuple("firing", 5_000L));

                sendUpTo(d, 6_000, sent); // and not again at the next boundary
                assertThat(hotOfQ(d, seen)).as(emit).hasSize(1);
            }
        }
    }

    @Test
    void theTransitionsAreTheRecordKeyedMonitors() {
        for (String emit : List.of("on-change", "every-interval")) {
            String interval = "{interval: 1s, emit: " + emit + "}";
            List<List<AlertRecord>> runs = new ArrayList<>();
            for (String spec : List.of(QuietKeyRuleTimersTopologyTest.SPEC, REKEYED)) {
                try (MonitorDriver d = new MonitorDriver(spec.replace("{interval: 1s}", interval))) {
                    QuietKeyRuleTimersTopologyTest.drive(d, 0, 20_000, spec == REKEYED);
                    runs.add(QuietKeyRuleTimersTopologyTest.withoutOffsets(QuietKeyRuleTimersTopologyTest.ofQ(d.alertEvents())));
                }
            }
            assertThat(runs.get(0)).as(emit).hasSize(6);
            assertThat(runs.get(1)).as(emit).isEqualTo(runs.get(0));
        }
    }
}
