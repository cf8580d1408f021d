package io.entroflow.operators.transfer;

import io.entroflow.operators.BatchInformation;
import io.entroflow.operators.BatchInformation.Sample;
import io.entroflow.operators.InformationUnit;
import io.entroflow.operators.TestStreams;
import io.entroflow.operators.window.Window;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.entroflow.operators.Theories.bools;
import static io.entroflow.operators.Theories.decimals;
import static io.entroflow.operators.Theories.ints;
import static io.entroflow.operators.Theories.qt;
import static io.entroflow.operators.Theories.seeds;
import static org.assertj.core.api.Assertions.assertThat;

/** Every two-stream measure of the snapshot equals a batch recomputation after every event, for every window kind. */
class MutualInformationOperatorProperties {

    @Test
    void incrementalMeasuresEqualBatchAfterEveryEvent() {
        qt(150).forAll(streams()).checkAssert(s -> incrementalMeasuresEqualBatchAfterEveryEvent(
                s.window(), s.ax(), s.ay(), s.az(), s.length(), s.measure(), s.seed(), s.bits()));
    }

    /** Any window, X and Y over 1..5 symbols, Z over 0 (none) ..3, 1..120 events, every measure, either unit. */
    private record Stream(Window window, int ax, int ay, int az, int length, PairMeasure measure, long seed, boolean bits) {
    }

    private static Gen<Stream> streams() {
        Gen<Window> windows = windows();
        Gen<Integer> alphabets = ints(1, 5);
        Gen<Integer> conditions = ints(0, 3);
        Gen<Integer> lengths = ints(1, 120);
        Gen<PairMeasure> measures = Generate.enumValues(PairMeasure.class);
        Gen<Long> seeds = seeds();
        Gen<Boolean> bits = bools();
        return in -> new Stream(windows.generate(in), alphabets.generate(in), alphabets.generate(in),
                conditions.generate(in), lengths.generate(in), measures.generate(in), seeds.generate(in), bits.generate(in));
    }

    private static void incrementalMeasuresEqualBatchAfterEveryEvent(Window window, int ax, int ay, int az, int length,
                                                                     PairMeasure measure, long seed, boolean bits) {
        InformationUnit unit = bits ? InformationUnit.BITS : InformationUnit.NATS;
        MutualInformationOperator op = new MutualInformationOperator(
                new MutualInformationConfig(window, unit, measure, ax, ay, az));
        Random random = new Random(seed);
        int[] x = BatchInformation.symbols(random, ax, length);
        int[] y = BatchInformation.symbols(random, ay, length);
        int[] z = BatchInformation.symbols(random, Math.max(1, az), length);
        long[] times = BatchInformation.times(random, window, length);
        List<Sample> samples = new ArrayList<>();
        for (int t = 0; t < length; t++) {
            double local = az > 0 ? op.update(times[t], x[t], y[t], z[t]) : op.update(times[t], x[t], y[t]);
            samples.add(new Sample(times[t], new long[] {x[t], y[t], az > 0 ? z[t] : 0}));
            double[] w = BatchInformation.weights(window, samples);
            double hz = BatchInformation.entropy(samples, w, 2);
            double hx = BatchInformation.entropy(samples, w, 0, 2) - hz;
            double hy = BatchInformation.entropy(samples, w, 1, 2) - hz;
            double hxy = BatchInformation.entropy(samples, w, 0, 1, 2) - hz;
            double mi = BatchInformation.conditionalMutualInformation(samples, w, new int[] {0}, new int[] {1}, new int[] {2});
            MutualInformationSnapshot s = op.snapshot();
            check("H(X)", s.entropyX(), unit.fromNats(hx));
            check("H(Y)", s.entropyY(), unit.fromNats(hy));
            check("H(X,Y)", s.jointEntropy(), unit.fromNats(hxy));
            check("H(X|Y)", s.conditionalEntropyXGivenY(), unit.fromNats(hxy - hy));
            check("H(Y|X)", s.conditionalEntropyYGivenX(), unit.fromNats(hxy - hx));
            check("I", s.mutualInformation(), unit.fromNats(mi));
            double expectedValue = switch (measure) {
                case MUTUAL_INFORMATION -> mi;
                case CONDITIONAL_ENTROPY -> hxy - hy;
                case JOINT_ENTROPY -> hxy;
                case ENTROPIC_DISTANCE -> 2 * hxy - hx - hy;
            };
            check("value() of " + measure, op.value(), unit.fromNats(expectedValue));
            if (w[t] > 0) {
                check("local " + measure, local, unit.fromNats(localValue(measure, samples, w, samples.get(t))), false);
            }
            check("D", s.entropicDistance(), unit.fromNats(2 * hxy - hx - hy));
            if (hxy > 1e-3) { // a ratio of two near-zero entropies is ill-conditioned
                check("Rajski", s.rajskiDistance(), (2 * hxy - hx - hy) / hxy);
            }
            if (hx > 1e-3 && hy > 1e-3) {
                check("NMI", s.normalizedMutualInformation(), mi / Math.sqrt(hx * hy));
            }
        }
    }

    /** The local value of sample s from the weights of the tuples that share its (x,y,z), (x,z), (y,z), (z). */
    private static double localValue(PairMeasure measure, List<Sample> samples, double[] w, Sample s) {
        double xyz = 0, xz = 0, yz = 0, zz = 0;
        long[] q = s.values();
        for (int i = 0; i < samples.size(); i++) {
            long[] v = samples.get(i).values();
            if (v[2] != q[2]) {
                continue;
            }
            zz += w[i];
            xz += v[0] == q[0] ? w[i] : 0;
            yz += v[1] == q[1] ? w[i] : 0;
            xyz += v[0] == q[0] && v[1] == q[1] ? w[i] : 0;
        }
        return switch (measure) {
            case MUTUAL_INFORMATION -> Math.log(xyz * zz / (xz * yz));
            case CONDITIONAL_ENTROPY -> -Math.log(xyz / yz);
            case JOINT_ENTROPY -> -Math.log(xyz / zz);
            case ENTROPIC_DISTANCE -> -Math.log(xyz / yz) - Math.log(xyz / xz);
        };
    }

    private static void check(String what, double actual, double expected) {
        check(what, actual, expected, true);
    }

    private static void check(String what, double actual, double expected, boolean clamp) {
        expected = clamp ? Math.max(0.0, expected) : expected;
        assertThat(Math.abs(actual - expected) <= 1e-9 * Math.abs(expected) + 1e-11)
                .as("%s: incremental %s vs batch %s", what, actual, expected).isTrue();
    }

    /** Every window kind: count 1..60, time 1..1500 ms with 0..200 ms lateness, decay over 0.5..100 events or 1..3000 ms,
     * cumulative. */
    private static Gen<Window> windows() {
        return Generate.oneOf(
                ints(1, 60).map(Window::count),
                ints(1, 1500).zip(ints(0, 200),
                        (span, late) -> Window.time(Duration.ofMillis(span), Duration.ofMillis(late))),
                decimals(0.5, 100).map(Window::decayEvents),
                ints(1, 3000).map(h -> Window.decayTime(Duration.ofMillis(h))),
                Generate.constant(Window.cumulative()));
    }
}
