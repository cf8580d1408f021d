package io.entroflow.topology.stream;

import io.entroflow.schemas.wire.AggregateRecord;
import io.entroflow.schemas.wire.AlertRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * Rule timers on quiet keys through the whole monitor: with on-change emission a key that goes
 * quiet emits nothing, yet its rules' {@code for} and {@code keep-firing-for} elapse at the same
 * boundaries, with the same transitions, as with every-interval emission; a restart in the middle
 * changes nothing.
 */
class QuietKeyRuleTimersTopologyTest {
    static final String SPEC = """
            monitor: m
            input:
              topics: [events]
              time: {field: /ts}
            signals:
              - {name: x, kind: numeric, field: /x}
              - {name: y, kind: numeric, field: /y}
            operators:
              - {name: p, type: probe, signal: x, window: {count: 1}}
              - {name: r, type: probe, signal: y, window: {count: 1}}
            aggregates: {interval: 1s}
            rules:
              - {name: hot, operator: p, min-events: 1, for: 3s, keep-firing-for: 2s, threshold: {above: 0.8, exit: 0.6}}
              - {name: low, operator: p, min-events: 1, keep-firing-for: 1500ms, threshold: {below: 0.55}}
              - {name: shift, operator: r, min-events: 1, keep-firing-for: 2s, regime-change: {}}
              - {name: two, operator: r, min-events: 1, for: 2s, regime-change: {to: 2}}
            """;

    /** q: x 0.9 at 1 s (pending at 2 s, firing at 5 s), 0.7 at 6.2 s (hysteresis: still firing), 0.5 at 9.1 s. */
    private static final long[] Q_TIMES = {1_000, 6_200, 9_100};
    private static final double[] Q_X = {0.9, 0.7, 0.5};
    private static final double[] Q_Y = {1, 2, 2};

    /** Events of q (above) and of busy (every 250 ms, moving stream time) up to {@code until}, from {@code from}. */
    static void drive(MonitorDriver d, long from, long until) {
        drive(d, from, until, false);
    }

    /** As {@link #drive(MonitorDriver, long, long)}; {@code keyField}: each event also carries its key as {@code /key}. */
    static void drive(MonitorDriver d, long from, long until, boolean keyField) {
        int q = 0;
        for (long t = 0; t <= until; t += 250) {
            for (; q < Q_TIMES.length && Q_TIMES[q] <= t; q++) {
                if (Q_TIMES[q] >= from) {
                    d.send("q", "{" + (keyField ? "\"key\": \"q\", " : "") + "\"ts\": " + Q_TIMES[q] + ", \"x\": " + Q_X[q]
                            + ", \"y\": " + Q_Y[q] + "}", Q_TIMES[q]);
                }
            }
            if (t >= from) {
                d.send("busy", "{" + (keyField ? "\"key\": \"busy\", " : "") + "\"ts\": " + t + ", \"x\": 0.7, \"y\": 1}", t);
            }
        }
    }

    static List<AlertRecord> ofQ(List<AlertRecord> events) {
        return events.stream().filter(a -> "q".equals(a.labels().get("key"))).toList();
    }

    static List<AlertRecord> withoutOffsets(List<AlertRecord> events) {
        return events.stream().map(a -> new AlertRecord(a.labels(), a.annotations(), a.status(), a.startsAt(), a.endsAt(),
                a.fingerprint(), a.provenance() == null ? null : new AlertRecord.AlertProvenance(a.provenance().operator(),
                a.provenance().value(), a.provenance().time(), a.provenance().windowStart(), a.provenance().windowEnd(),
                a.provenance().pValue(), null), a.detection())).toList();
    }

    private static String emit(String every) {
        return SPEC.replace("{interval: 1s}", "{interval: 1s, emit: " + every + "}");
    }

    private static List<AlertRecord> run(String emit, boolean restart) {
        MonitorDriver d = new MonitorDriver(emit(emit));
        List<AlertRecord> events = new ArrayList<>();
        if (restart) {
            drive(d, 0, 8_000); // q's hot alert firing, shift firing, two pending
            events.addAll(d.alertEvents());
            d = d.restarted();
            drive(d, 8_250, 20_000);
        } else {
            drive(d, 0, 20_000);
        }
        events.addAll(d.alertEvents());
        d.close();
        return ofQ(events);
    }

    @Test
    void aQuietKeysRulesFireAndResolveAtTheBoundariesEveryIntervalEmissionGives() {
        List<AlertRecord> every = run("every-interval", false);
        assertThat(every).extracting(a -> a.labels().get("rule"), AlertRecord::status, a -> a.provenance().time())
                .containsExactly(
                        tuple("hot", "firing", 5_000L), // pending at 2 s, for 3 s: q is quiet then
                        tuple("shift", "firing", 7_000L), // regime 1 -> 2
                        tuple("shift", "resolved", 9_000L), // a repeat is no change: keep-firing-for 2 s
                        tuple("two", "firing", 9_000L), // regime 2 for 2 s
                        tuple("low", "firing", 10_000L),
                        tuple("hot", "resolved", 11_000L)); // 0.7 kept it firing (exit 0.6) to 9 s; 2 s after
        try (MonitorDriver d = new MonitorDriver(emit("on-change"))) {
            drive(d, 0, 20_000);
            assertThat(d.aggregates().stream().filter(a -> a.key().equals("q") && a.operator().equals("p")))
                    .as("on change, q emits only after its events").extracting(AggregateRecord::time)
                    .containsExactly(2_000L, 7_000L, 10_000L);
        }
        assertThat(run("on-change", false)).isEqualTo(every);
        // a restarted driver's input topic starts again at offset 0: compare all but the input offsets
        assertThat(withoutOffsets(run("on-change", true))).isEqualTo(withoutOffsets(every));
        assertThat(withoutOffsets(run("every-interval", true))).isEqualTo(withoutOffsets(every));
    }

    /** The alerts store's timer index entries (state keys). */
    private static List<String> index(MonitorDriver d) {
        return d.storeKeys("m-alerts-store").stream().filter(k -> k.startsWith(Journal.firstDueKey()))
                .map(RuleTimers::stateKeyOf).toList();
    }

    /**
     * The index holds one entry per rule and key with a deadline (busy, always above nothing and in
     * one regime, has none), and an expiring key's states and entries go with it, after its firing
     * alert resolves at the expiry boundary, as with every-interval emission.
     */
    @Test
    void theIndexHoldsOnlyPendingDeadlinesAndAnExpiredKeyLeavesNothing() {
        String spec = SPEC.replace("{interval: 1s}", "{interval: 1s, expire-after: 5s}");
        List<List<AlertRecord>> runs = new ArrayList<>();
        for (String emit : List.of("every-interval", "on-change")) {
            try (MonitorDriver d = new MonitorDriver(spec.replace("interval: 1s,", "interval: 1s, emit: " + emit + ","))) {
                d.send("q", "{\"ts\": 1000, \"x\": 0.9, \"y\": 1}", 1_000);
                for (long t = 0; t <= 3_000; t += 250) {
                    d.send("busy", "{\"ts\": " + t + ", \"x\": 0.7, \"y\": 1}", t);
                }
                assertThat(index(d)).containsExactly("hot\u0000" + StoreKeys.of("q")); // pending until 5 s
                for (long t = 3_250; t <= 12_000; t += 250) {
                    d.send("busy", "{\"ts\": " + t + ", \"x\": 0.7, \"y\": 1}", t);
                }
                assertThat(index(d)).isEmpty();
                assertThat(d.storeKeys("m-alerts-store")).noneMatch(k -> k.contains(StoreKeys.of("q")));
                runs.add(ofQ(d.alertEvents()));
            }
        }
        assertThat(runs.get(0)).extracting(AlertRecord::status, a -> a.provenance().time())
                .containsExactly(tuple("firing", 5_000L), tuple("resolved", 6_000L)); // expired at 6 s
        assertThat(runs.get(1)).isEqualTo(runs.get(0));
    }

    /**
     * Learning rules learn nothing from repeats: a drift rule's baseline holds the quiet key's four
     * real aggregates only, after 26 s of quiet, where every-interval emission feeds it 26 repeats
     * (the one documented difference between the two emissions for rules).
     */
    @Test
    void repeatsTeachNothing() {
        String spec = """
                monitor: m
                input:
                  topics: [events]
                  time: {field: /ts}
                signals:
                  - {name: x, kind: numeric, field: /x}
                operators:
                  - {name: p, type: probe, signal: x, window: {count: 1}}
                aggregates: {interval: 1s}
                rules:
                  - {name: drift, operator: p, min-events: 1, drift: {baseline: 50, min-baseline: 3, z: 4, exit-z: 3}}
                """;
        for (String emit : List.of("on-change", "every-interval")) {
            try (MonitorDriver d = new MonitorDriver(spec.replace("{interval: 1s}", "{interval: 1s, emit: " + emit + "}"))) {
                assertThat(driftBaselineAfterQuiet(d)).isEqualTo(emit.equals("on-change") ? 4 : 4 + 26);
            }
        }
    }

    /** q sends four values in its first 4 s, then busy alone moves stream time to 30 s: q's drift baseline count then. */
    private static int driftBaselineAfterQuiet(MonitorDriver d) {
        double[] xs = {1.0, 1.2, 0.9, 1.1};
        for (int i = 0; i < xs.length; i++) {
            d.send("q", "{\"ts\": " + (i * 1000 + 500) + ", \"x\": " + xs[i] + "}", i * 1000 + 500);
        }
        for (long t = 4_000; t <= 30_000; t += 250) {
            d.send("busy", "{\"ts\": " + t + ", \"x\": 1}", t);
        }
        org.apache.kafka.streams.state.KeyValueStore<String, byte[]> store = d.driver.getKeyValueStore("m-alerts-store");
        return RulesProcessor.read(store.get("drift\u0000" + StoreKeys.of("q"))).baselineCount;
    }

    /**
     * More keys fall due at one boundary than one punctuation catches up ({@link EmissionPolicy#SLICE_KEYS}):
     * every key's alert fires at its boundary, as with every-interval emission (the timers fire only up
     * to what the operator has completed: {@link CatchUpProgress}).
     */
    @Test
    void aCatchUpInSlicesGivesTheSameAlerts() {
        int keys = EmissionPolicy.SLICE_KEYS + 300;
        List<List<AlertRecord>> runs = new ArrayList<>();
        for (String emit : List.of("every-interval", "on-change")) {
            try (MonitorDriver d = new MonitorDriver(emit(emit))) {
                for (int k = 0; k < keys; k++) {
                    d.send("q" + k, "{\"ts\": 1000, \"x\": " + (k % 2 == 0 ? 0.9 : 0.7) + ", \"y\": 1}", 1_000);
                }
                for (long t = 1_000; t <= 9_000; t += 250) {
                    d.send("busy", "{\"ts\": " + t + ", \"x\": 0.7, \"y\": 1}", t);
                }
                runs.add(d.alertEvents().stream().filter(a -> a.labels().get("key").startsWith("q"))
                        .sorted(java.util.Comparator.comparing(a -> a.labels().get("key"))).toList());
            }
        }
        assertThat(runs.get(0)).hasSize(keys / 2).allSatisfy(a -> {
            assertThat(a.labels().get("rule")).isEqualTo("hot");
            assertThat(a.provenance().time()).isEqualTo(5_000L);
        });
        assertThat(withoutOffsets(runs.get(1))).isEqualTo(withoutOffsets(runs.get(0)));
    }
}
