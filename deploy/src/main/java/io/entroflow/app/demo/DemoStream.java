package io.entroflow.app.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A deterministic stream of JSON events from four services, with three planted changes:
 * <ul>
 *   <li>{@code entropy-collapse} on {@code svc-a} at 30% of the duration: {@code kind} goes from uniform
 *       over 8 values to 90% one value (Shannon entropy 3 &rarr; about 0.8 bits);</li>
 *   <li>{@code coupling} on {@code svc-b} at 50%: {@code y} starts copying the previous event's {@code x}
 *       (of the same key) with probability 0.9, so the transfer entropy x &rarr; y with delay 1 rises from 0
 *       to about 1.5 bits;</li>
 *   <li>{@code regime-switch} on {@code svc-c} at 70%: {@code latency} switches from the N(50, 6&sup2;)
 *       regime to the N(85, 6&sup2;) regime.</li>
 * </ul>
 * {@code svc-d} never changes (a control). Event i has event time start + i&middot;1000/rate and key
 * {@code svc-[a-d]} in turn; every event carries every field: {@code key, ts, kind, x, y, latency}.
 * The same seed gives the same events. Not thread-safe.
 *
 * <p>With more than four keys ({@link #DemoStream(long, long, long, int, boolean, int)}, used by
 * {@code entroflow bench}), key k (in turn) is {@code svc-a..svc-d} for k &lt; 4, else
 * {@code svc-<a..d>-<k/4>}, and behaves as {@code svc-<a..d>} does: the same signals and, with changes,
 * the same planted change at the same time. Memory: one {@link Random} and one int per key.
 */
public final class DemoStream {
    /** Keys in turn. */
    public static final List<String> KEYS = List.of("svc-a", "svc-b", "svc-c", "svc-d");
    private static final String[] KINDS = {"a", "b", "c", "d", "e", "f", "g", "h"};

    /** One generated event: its key, event time and JSON text. */
    public record Event(String key, long time, String json) {
    }

    /**
     * A planted change.
     *
     * @param kind {@code entropy-collapse}, {@code coupling} or {@code regime-switch}
     * @param key  the key it affects
     * @param at   event time it starts
     * @param rule the demo spec's rule expected to detect it
     */
    public record Planted(String kind, String key, long at, String rule) {
    }

    private final long start;
    private final int rate;
    private final long total;
    private final List<Planted> planted;
    private final boolean changes;
    private final long collapseAt;
    private final long couplingAt;
    private final long switchAt;
    private final Random[] random;
    private final int[] previousX;
    private final String[] keyNames;
    private long next;

    /**
     * @param seed           random seed
     * @param startMillis    event time of the first event
     * @param durationMillis event-time span of the stream, &gt; 0
     * @param rate           events per second, &gt; 0
     */
    public DemoStream(long seed, long startMillis, long durationMillis, int rate) {
        this(seed, startMillis, durationMillis, rate, true);
    }

    /**
     * @param seed           random seed
     * @param startMillis    event time of the first event
     * @param durationMillis event-time span of the stream, &gt; 0
     * @param rate           events per second, &gt; 0
     * @param changes        false: the null stream, the same keys, rates and signals without the planted
     *                       changes ({@link #planted()} is then empty); identical to the planted stream up to
     *                       each key's change
     */
    public DemoStream(long seed, long startMillis, long durationMillis, int rate, boolean changes) {
        this(seed, startMillis, durationMillis, rate, changes, KEYS.size());
    }

    /**
     * The stream over {@code keys} keys (see the class description); with 4 keys it is the demo's.
     *
     * @param keys number of keys, &ge; 1
     */
    public DemoStream(long seed, long startMillis, long durationMillis, int rate, boolean changes, int keys) {
        if (keys < 1) {
            throw new IllegalArgumentException("demo stream: keys must be >= 1, got " + keys);
        }
        if (durationMillis <= 0 || rate <= 0) {
            throw new IllegalArgumentException("demo stream: duration and rate must be > 0, got " + durationMillis
                    + " ms and " + rate + "/s");
        }
        this.start = startMillis;
        this.rate = rate;
        this.total = durationMillis * rate / 1000;
        this.changes = changes;
        this.collapseAt = startMillis + durationMillis * 3 / 10;
        this.couplingAt = startMillis + durationMillis / 2;
        this.switchAt = startMillis + durationMillis * 7 / 10;
        this.random = new Random[keys];
        this.previousX = new int[keys];
        this.keyNames = new String[keys];
        List<Planted> changed = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            random[k] = new Random(seed * 31 + k);
            keyNames[k] = k < KEYS.size() ? KEYS.get(k) : KEYS.get(k % KEYS.size()) + "-" + k / KEYS.size();
            if (changes) {
                switch (k % KEYS.size()) {
                    case 0 -> changed.add(new Planted("entropy-collapse", keyNames[k],
                            collapseAt, "kind-entropy-collapse"));
                    case 1 -> changed.add(new Planted("coupling", keyNames[k], couplingAt, "xy-coupling"));
                    case 2 -> changed.add(new Planted("regime-switch", keyNames[k], switchAt,
                            "latency-regime-switch"));
                    default -> { // the control: never changes
                    }
                }
            }
        }
        this.planted = List.copyOf(changed);
    }

    /** The planted changes; empty for the null stream. */
    public List<Planted> planted() {
        return planted;
    }

    /** Number of events in the stream. */
    public long size() {
        return total;
    }

    /** True while events remain. */
    public boolean hasNext() {
        return next < total;
    }

    /** Event time of event {@code i}. */
    public long timeOf(long i) {
        return start + i * 1000 / rate;
    }

    /** The next event. */
    public Event next() {
        long i = next++;
        int k = (int) (i % random.length);
        int role = k % KEYS.size(); // behaves as svc-a, svc-b, svc-c or svc-d
        String key = keyNames[k];
        long t = timeOf(i);
        Random r = random[k];
        String kind = KINDS[r.nextInt(KINDS.length)];
        if (changes && role == 0 && t >= collapseAt && r.nextDouble() < 0.9) {
            kind = "c";
        }
        int x = r.nextInt(4);
        int y = r.nextInt(4);
        if (changes && role == 1 && t >= couplingAt && r.nextDouble() < 0.9) {
            y = previousX[k];
        }
        previousX[k] = x;
        double mean = changes && role == 2 && t >= switchAt ? 85 : 50;
        double latency = Math.max(0, mean + 6 * r.nextGaussian());
        String json = String.format(Locale.ROOT,
                "{\"key\":\"%s\",\"ts\":%d,\"kind\":\"%s\",\"x\":\"%d\",\"y\":\"%d\",\"latency\":%.1f}",
                key, t, kind, x, y, latency);
        return new Event(key, t, json);
    }
}
