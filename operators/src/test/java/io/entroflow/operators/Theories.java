package io.entroflow.operators;

import org.quicktheories.QuickTheory;
import org.quicktheories.api.AsString;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.core.Reporter;
import org.quicktheories.generators.Generate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * The one place property tests (QuickTheories) are configured, and the generators they share.
 *
 * <p>{@link #qt(int)} runs exactly the given number of examples from a fixed seed, so a build is
 * reproducible; {@code -Dentroflow.qt.seed=N} replays or explores seed N, {@code
 * -Dentroflow.qt.seed=random} picks a fresh one. Either way a failure's message starts with the
 * seed and the flag that replays it. Shrinking is capped ({@code -Dentroflow.qt.shrinks=N}, default
 * {@value #DEFAULT_SHRINK_CYCLES}): many properties replay long streams, and a failure should
 * report in seconds, not minutes.
 *
 * <p>Generators mix edge values in on purpose: {@link #ints} draws the range's ends (and the value
 * next to its minimum) one time in ten and a value near the minimum one time in five, besides
 * uniform draws; {@link #decimals} likewise mixes in its ends, zero and any extra edges a property
 * names. And the first examples QuickTheories runs have every draw at its shrink target, minimum
 * and maximum.
 */
public final class Theories {

    /** System property with the seed: a long, or {@code random}. */
    public static final String SEED_PROPERTY = "entroflow.qt.seed";
    /** System property with the maximum number of shrink cycles after a failure. */
    public static final String SHRINKS_PROPERTY = "entroflow.qt.shrinks";
    /** The seed of every run unless {@value #SEED_PROPERTY} says otherwise. */
    public static final long DEFAULT_SEED = 0x5EED_E27FL;
    static final int DEFAULT_SHRINK_CYCLES = 100;

    private static final long SEED = seedFromSystemProperty();

    private Theories() {
    }

    /**
     * A theory checked on {@code examples} examples drawn from the configured seed, with capped
     * shrinking, whose failure names the seed. (QuickTheories skips an example whose draws repeat
     * those of one already checked, so a property without a seed among its inputs may run a few
     * fewer distinct ones.)
     */
    public static QuickTheory qt(int examples) {
        return QuickTheory.qt()
                .withFixedSeed(SEED)
                .withExamples(examples)
                .withShrinkCycles(Integer.getInteger(SHRINKS_PROPERTY, DEFAULT_SHRINK_CYCLES))
                .withReporter(new SeedNamingReporter());
    }

    /** The seed this run uses. */
    public static long seed() {
        return SEED;
    }

    private static long seedFromSystemProperty() {
        String value = System.getProperty(SEED_PROPERTY, "").trim();
        if (value.isEmpty()) {
            return DEFAULT_SEED;
        }
        if (value.equalsIgnoreCase("random")) {
            return System.nanoTime() ^ System.currentTimeMillis() << 20;
        }
        try {
            return Long.decode(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + SEED_PROPERTY + " must be a long or 'random', not '" + value + "'", e);
        }
    }

    // ---- generators -------------------------------------------------------------------------

    /** Integers in [min, max]: uniform, one draw in ten an edge (min, min + 1, max), one in five within 10 of min. */
    public static Gen<Integer> ints(int min, int max) {
        if (min > max) {
            throw new IllegalArgumentException(min + " > " + max);
        }
        Set<Integer> edges = new LinkedHashSet<>(List.of(min, (int) Math.min(max, (long) min + 1), max));
        Gen<Integer> nearMin = integers().between(min, (int) Math.min(max, (long) min + 10));
        return Generate.frequency(List.of(
                Pair.of(10, Generate.pick(List.copyOf(edges))),
                Pair.of(20, nearMin),
                Pair.of(70, integers().between(min, max))));
    }

    /**
     * Decimals with two places in [min, max], uniform over the hundredths, one draw in ten an edge:
     * min, max, zero if in range, and the given extra edges (values a property's code treats
     * specially, e.g. an exponent of 2).
     */
    public static Gen<Double> decimals(double min, double max, double... extraEdges) {
        long lo = BigDecimal.valueOf(min).movePointRight(2).longValueExact();
        long hi = BigDecimal.valueOf(max).movePointRight(2).longValueExact();
        Set<Double> edges = new LinkedHashSet<>(List.of(min, max));
        if (min <= 0 && 0 <= max) {
            edges.add(0.0);
        }
        Arrays.stream(extraEdges).forEach(edges::add);
        Gen<Double> uniform = longs().between(lo, hi).map(h -> BigDecimal.valueOf(h, 2).doubleValue());
        return Generate.frequency(List.of(Pair.of(10, Generate.pick(List.copyOf(edges))), Pair.of(90, uniform)));
    }

    /** Any long: seeds for the random streams a property builds itself. */
    public static Gen<Long> seeds() {
        return longs().all();
    }

    /** True or false. */
    public static Gen<Boolean> bools() {
        return booleans().all();
    }

    /** Lists of {@code minSize..maxSize} elements, sizes drawn as {@link #ints} draws them (so empty and full lists too). */
    public static <T> Gen<List<T>> lists(Gen<T> elements, int minSize, int maxSize) {
        Gen<Integer> sizes = ints(minSize, maxSize);
        Gen<List<T>> lists = in -> {
            int n = sizes.generate(in);
            List<T> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(elements.generate(in));
            }
            return out;
        };
        return lists.describedAs(l -> l.stream().map(elements::asString).collect(Collectors.joining(", ", "[", "]")));
    }

    /** Fails with the seed (and how to replay it) in the first line, the falsifying values, and the failure as cause. */
    private static final class SeedNamingReporter implements Reporter {

        @Override
        public void falisification(long seed, int count, Object smallest, Throwable cause, List<Object> examples,
                                   AsString<Object> toString) {
            throw new AssertionError(message(seed, count, smallest, examples, toString)
                    + System.lineSeparator() + "Failure: " + cause, cause);
        }

        @Override
        public void falisification(long seed, int count, Object smallest, List<Object> examples, AsString<Object> toString) {
            throw new AssertionError(message(seed, count, smallest, examples, toString));
        }

        @Override
        public void valuesExhausted(int completedExamples) {
            throw new IllegalStateException("Gave up after " + completedExamples + " example(s) (seed " + SEED
                    + ", -D" + SEED_PROPERTY + "=" + SEED + ")");
        }

        private static String message(long seed, int count, Object smallest, List<Object> examples,
                                      AsString<Object> toString) {
            String n = System.lineSeparator();
            String others = examples.stream().filter(e -> e != smallest).limit(5).map(toString::asString)
                    .collect(Collectors.joining(n + "  "));
            return "Property falsified with seed " + seed + " after " + count + " example(s); replay with -D"
                    + SEED_PROPERTY + "=" + seed + n
                    + "Smallest falsifying value(s): " + toString.asString(smallest)
                    + (others.isEmpty() ? "" : n + "Other falsifying value(s):" + n + "  " + others);
        }
    }
}
