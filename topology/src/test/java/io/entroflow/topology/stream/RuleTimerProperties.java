package io.entroflow.topology.stream;

import io.entroflow.operators.Theories;
import io.entroflow.schemas.wire.AlertRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rule timers against every-interval emission, on random streams whose keys go quiet for random
 * stretches (a quiet key repeats its values), random record times (so the stream-time punctuations
 * fall anywhere relative to event time) and random restarts: with on-change emission the rules give,
 * per key and operator, exactly the alert events of every-interval emission (statuses, times,
 * values, summaries, window bounds, order), with and without expiry, for threshold rules with
 * hysteresis, {@code for} and {@code keep-firing-for}, significance and regime rules, over count and
 * time windows. Mirrors {@link BoundedEmissionProperties} one stage later.
 */
class RuleTimerProperties {
    private static final String SPEC = """
            monitor: m
            input:
              topics: [events]
              time: {field: /ts}
              lateness: 1s
            signals:
              - {name: x, kind: numeric, field: /x}
              - {name: y, kind: numeric, field: /y}
            operators:
              - {name: p, type: probe, signal: x, window: {count: 1}}
              - {name: pt, type: probe, signal: x, window: {time: 2s}}
              - {name: r, type: probe, signal: y, window: {count: 1}}
            aggregates: {interval: 1s, emit: EMIT, expire-after: EXPIRE}
            rules:
              - {name: hot, operator: p, min-events: 1, for: 3s, keep-firing-for: 2s, threshold: {above: 0.8, exit: 0.6}}
              - {name: low, operator: p, min-events: 1, keep-firing-for: 1500ms, threshold: {below: 0.35, exit: 0.45}}
              - {name: sig, operator: p, min-events: 1, for: 1s, significance: {p-below: 0.4}}
              - {name: warm, operator: pt, min-events: 1, for: 2s, keep-firing-for: 1s, threshold: {above: 0.6}}
              - {name: shift, operator: r, min-events: 1, keep-firing-for: 2s, regime-change: {}}
              - {name: two, operator: r, min-events: 1, for: 2s, keep-firing-for: 3s, regime-change: {to: 2}}
            """;
    private static final double[] X = {0.3, 0.4, 0.5, 0.7, 0.9};

    /** One event: key, event time, record time (the stream-time punctuations follow it), x and y. */
    record Event(String key, long time, long recordTime, double x, int y) {
        String json() {
            return "{\"ts\": " + time + ", \"x\": " + x + ", \"y\": " + y + "}";
        }
    }

    /**
     * Keys k0..k3, each on and off in event time (period 2-9 s, random per key), with events every
     * 0..299 ms of event time, slightly out of order, record times up to 2 s behind event time; a key
     * keeps its value for a while (so its aggregates repeat); then a clock key alone for 12 s, so every
     * deadline up to the horizon has passed in both runs.
     */
    static List<Event> stream(long seed, int n) {
        Random r = new Random(seed);
        long[] period = new long[4];
        double[] x = new double[4];
        int[] y = new int[4];
        for (int k = 0; k < 4; k++) {
            period[k] = 2_000 + r.nextInt(7_000);
        }
        List<Event> list = new ArrayList<>();
        long t = 0;
        for (int i = 0; i < n; i++) {
            t += r.nextInt(300);
            int k = r.nextInt(4);
            if (k > 0 && (t / period[k]) % 2 == 1) {
                continue; // key k is quiet
            }
            if (r.nextInt(4) == 0) {
                x[k] = X[r.nextInt(X.length)];
            }
            if (r.nextInt(6) == 0) {
                y[k] = r.nextInt(3);
            }
            long time = Math.max(0, t - r.nextInt(200));
            list.add(new Event("k" + k, time, Math.max(0, time - r.nextInt(2_000)), x[k], y[k]));
        }
        for (long c = t + 250; c <= t + 12_000; c += 250) {
            list.add(new Event("clock", c, c, 0.5, 0));
        }
        return list;
    }

    /** The alert events of a run, by key and operator, up to {@code horizon} of event time. */
    private static Map<String, List<AlertRecord>> run(String spec, List<Event> events, Random restarts, long horizon) {
        MonitorDriver d = new MonitorDriver(spec);
        List<AlertRecord> all = new ArrayList<>();
        for (Event e : events) {
            d.send(e.key(), e.json(), e.recordTime());
            if (restarts != null && restarts.nextInt(200) == 0) {
                all.addAll(d.alertEvents());
                d = d.restarted();
            }
        }
        all.addAll(d.alertEvents());
        d.close();
        Map<String, List<AlertRecord>> byKey = new LinkedHashMap<>();
        for (AlertRecord a : QuietKeyRuleTimersTopologyTest.withoutOffsets(all)) {
            if (!a.provenance().operator().equals("pt")) { // the probe's own window start is the first event its instance saw
                AlertRecord.AlertProvenance p = a.provenance();
                a = new AlertRecord(a.labels(), a.annotations(), a.status(), a.startsAt(), a.endsAt(), a.fingerprint(),
                        new AlertRecord.AlertProvenance(p.operator(), p.value(), p.time(), 0, p.windowEnd(), p.pValue(),
                                null), a.detection());
            }
            if (a.provenance().time() <= horizon) {
                byKey.computeIfAbsent(a.labels().get("key") + "/" + a.labels().get("operator"), k -> new ArrayList<>()).add(a);
            }
        }
        return new java.util.TreeMap<>(byKey);
    }

    /** Per key and operator: rule, status, time and value of each alert event (a readable first comparison). */
    private static Map<String, List<String>> compact(Map<String, List<AlertRecord>> byKey) {
        Map<String, List<String>> out = new java.util.TreeMap<>();
        byKey.forEach((k, v) -> out.put(k, v.stream().map(a -> a.labels().get("rule") + " " + a.status() + " "
                + a.provenance().time() + " " + a.provenance().value()).toList()));
        return out;
    }

    /** Equal maps, the first differing record shown alone. */
    private static void assertEqual(Map<String, List<AlertRecord>> actual, Map<String, List<AlertRecord>> expected) {
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((k, list) -> {
            for (int i = 0; i < list.size(); i++) {
                assertThat(actual.get(k).get(i)).as(k + " #" + i).isEqualTo(list.get(i));
            }
            assertThat(actual.get(k)).hasSameSizeAs(list);
        });
    }

    @Test
    void onChangeRulesGiveExactlyTheEveryIntervalAlertsWhereverThePunctuationsFallAndAfterRestarts() {
        Theories.qt(10).forAll(Theories.seeds(), Theories.bools()).checkAssert((seed, expire) -> {
            List<Event> events = stream(seed, 500);
            long horizon = events.get(events.size() - 1).time() - 8_000;
            String spec = SPEC.replace("EXPIRE", expire ? "4s" : "never");
            Map<String, List<AlertRecord>> every = run(spec.replace("EMIT", "every-interval"), events, null, horizon);
            assertThat(every.values().stream().mapToInt(List::size).sum()).as("transitions").isGreaterThan(10);
            Map<String, List<AlertRecord>> onChange = run(spec.replace("EMIT", "on-change"), events, null, horizon);
            assertThat(compact(onChange)).isEqualTo(compact(every));
            assertEqual(onChange, every);
            Map<String, List<AlertRecord>> restarted = run(spec.replace("EMIT", "on-change"), events, new Random(seed), horizon);
            assertThat(compact(restarted)).isEqualTo(compact(every));
            assertEqual(restarted, every);
        });
    }
}
