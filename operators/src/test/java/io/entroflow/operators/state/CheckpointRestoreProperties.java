package io.entroflow.operators.state;

import io.entroflow.operators.InformationUnit;
import io.entroflow.operators.entropy.Divergence;
import io.entroflow.operators.entropy.DivergenceOperator;
import io.entroflow.operators.entropy.EntropyConfig;
import io.entroflow.operators.entropy.EntropyMeasure;
import io.entroflow.operators.entropy.EntropyOperator;
import io.entroflow.operators.entropy.ReferenceDistribution;
import io.entroflow.operators.markov.HistoryInformationConfig;
import io.entroflow.operators.markov.HistoryInformationMeasure;
import io.entroflow.operators.markov.HistoryInformationOperator;
import io.entroflow.operators.ordinal.OrdinalConfig;
import io.entroflow.operators.ordinal.PermutationEntropyOperator;
import io.entroflow.operators.ordinal.StatisticalComplexityOperator;
import io.entroflow.operators.transfer.MutualInformationConfig;
import io.entroflow.operators.transfer.MutualInformationOperator;
import io.entroflow.operators.transfer.PairMeasure;
import io.entroflow.operators.transfer.TransferEntropyConfig;
import io.entroflow.operators.transfer.TransferEntropyOperator;
import io.entroflow.operators.window.Window;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;

import static io.entroflow.operators.Theories.bools;
import static io.entroflow.operators.Theories.ints;
import static io.entroflow.operators.Theories.qt;
import static io.entroflow.operators.Theories.seeds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A random stream, a checkpoint at a random point, restored into a fresh operator: from then on
 * the restored operator's local values and snapshots are bit-identical to the uninterrupted one.
 * Short half-lives make the decay windows rescale many times within a stream.
 */
class CheckpointRestoreProperties {

    private static Window window(int kind, Random r) {
        return switch (kind) {
            case 0 -> Window.cumulative();
            case 1 -> Window.decayEvents(0.5 + 20 * r.nextDouble());
            default -> Window.decayTime(Duration.ofMillis(1 + r.nextInt(5_000)));
        };
    }

    private static EntropyMeasure measure(int which) {
        return switch (which) {
            case 0 -> EntropyMeasure.shannon();
            case 1 -> EntropyMeasure.millerMadow();
            case 2 -> EntropyMeasure.renyi(2.5);
            case 3 -> EntropyMeasure.renyi(Double.POSITIVE_INFINITY);
            case 4 -> EntropyMeasure.tsallis(1.7);
            default -> EntropyMeasure.giniSimpson();
        };
    }

    /** A stream of n events: non-decreasing times with jitter (out-of-order by a few ms), skewed symbols. */
    private record Stream(long[] times, int[][] symbols) {
        static Stream random(Random r, int n, int channels, int alphabet) {
            long[] t = new long[n];
            int[][] s = new int[n][channels];
            long now = 1_000;
            for (int i = 0; i < n; i++) {
                now += r.nextInt(200);
                t[i] = now - r.nextInt(3);
                for (int c = 0; c < channels; c++) {
                    s[i][c] = r.nextDouble() < 0.5 ? r.nextInt(Math.min(3, alphabet)) : r.nextInt(alphabet);
                }
            }
            return new Stream(t, s);
        }
    }

    /** Runs both instances, checkpointing {@code original} after {@code cut} events, and compares bits. */
    private static <O> void check(Supplier<O> fresh, Stream stream, int cut, Step<O> step, Function<O, Object> snapshot,
                                  Function<O, byte[]> checkpoint, Restore<O> restore) {
        O original = fresh.get();
        for (int i = 0; i < cut; i++) {
            step.apply(original, stream.times[i], stream.symbols[i]);
        }
        byte[] state = checkpoint.apply(original);
        O restored = fresh.get();
        restore.apply(restored, state);
        assertThat(checkpoint.apply(restored)).isEqualTo(state);
        assertThat(snapshot.apply(restored)).isEqualTo(snapshot.apply(original));
        for (int i = cut; i < stream.times.length; i++) {
            double a = step.apply(original, stream.times[i], stream.symbols[i]);
            double b = step.apply(restored, stream.times[i], stream.symbols[i]);
            assertThat(Double.doubleToRawLongBits(b)).as("local value of event %d", i).isEqualTo(Double.doubleToRawLongBits(a));
            assertThat(snapshot.apply(restored)).as("snapshot after event %d", i).isEqualTo(snapshot.apply(original));
        }
        assertThat(checkpoint.apply(restored)).isEqualTo(checkpoint.apply(original));
    }

    @FunctionalInterface
    private interface Step<O> {
        double apply(O operator, long time, int[] symbols);
    }

    @FunctionalInterface
    private interface Restore<O> {
        void apply(O operator, byte[] state);
    }

    @Test
    void entropyFamilyContinuesBitIdentically() {
        qt(60).forAll(seeds(), ints(0, 2), ints(0, 5))
                .checkAssert(CheckpointRestoreProperties::entropyFamilyContinuesBitIdentically);
    }

    private static void entropyFamilyContinuesBitIdentically(long seed, int kind, int measure) {
        Random r = new Random(seed);
        int alphabet = 2 + r.nextInt(40);
        EntropyConfig config = new EntropyConfig(window(kind, r), measure(measure), InformationUnit.BITS, alphabet);
        Stream s = Stream.random(r, 1 + r.nextInt(3_000), 1, alphabet);
        check(() -> new EntropyOperator(config), s, r.nextInt(s.times.length + 1), (o, t, x) -> o.update(t, x[0]),
                EntropyOperator::snapshot, EntropyOperator::checkpoint, EntropyOperator::restore);
    }

    @Test
    void divergenceContinuesBitIdentically() {
        qt(40).forAll(seeds(), ints(0, 2), bools())
                .checkAssert(CheckpointRestoreProperties::divergenceContinuesBitIdentically);
    }

    private static void divergenceContinuesBitIdentically(long seed, int kind, boolean jensenShannon) {
        Random r = new Random(seed);
        int alphabet = 2 + r.nextInt(20);
        long[] counts = new long[alphabet];
        for (int i = 0; i < alphabet; i++) {
            counts[i] = r.nextInt(4) == 0 ? 0 : r.nextInt(100);
        }
        counts[0]++;
        ReferenceDistribution q = ReferenceDistribution.fromCounts(counts, r.nextBoolean() ? 0.0 : 0.5);
        Window w = window(kind, r);
        Divergence d = jensenShannon ? Divergence.JENSEN_SHANNON : Divergence.KULLBACK_LEIBLER;
        Stream s = Stream.random(r, 1 + r.nextInt(2_000), 1, alphabet);
        check(() -> new DivergenceOperator(w, d, q, InformationUnit.NATS), s, r.nextInt(s.times.length + 1),
                (o, t, x) -> o.update(t, x[0]), DivergenceOperator::snapshot, DivergenceOperator::checkpoint,
                DivergenceOperator::restore);
    }

    @Test
    void pairMeasuresContinueBitIdentically() {
        qt(40).forAll(seeds(), ints(0, 2), ints(0, 3), bools())
                .checkAssert(CheckpointRestoreProperties::pairMeasuresContinueBitIdentically);
    }

    private static void pairMeasuresContinueBitIdentically(long seed, int kind, int measure, boolean conditioned) {
        Random r = new Random(seed);
        int ax = 2 + r.nextInt(8);
        int ay = 2 + r.nextInt(8);
        int az = conditioned ? 2 + r.nextInt(3) : 0;
        MutualInformationConfig config = new MutualInformationConfig(window(kind, r), InformationUnit.BITS,
                PairMeasure.values()[measure], ax, ay, az);
        Stream s = Stream.random(r, 1 + r.nextInt(2_000), 3, Math.min(ax, Math.min(ay, conditioned ? az : ay)));
        check(() -> new MutualInformationOperator(config), s, r.nextInt(s.times.length + 1),
                (o, t, x) -> conditioned ? o.update(t, x[0], x[1], x[2]) : o.update(t, x[0], x[1]),
                MutualInformationOperator::snapshot, MutualInformationOperator::checkpoint,
                MutualInformationOperator::restore);
    }

    @Test
    void transferEntropyContinuesBitIdentically() {
        qt(40).forAll(seeds(), ints(0, 2), bools())
                .checkAssert(CheckpointRestoreProperties::transferEntropyContinuesBitIdentically);
    }

    private static void transferEntropyContinuesBitIdentically(long seed, int kind, boolean conditioned) {
        Random r = new Random(seed);
        int a = 2 + r.nextInt(3);
        Window w = window(kind, r);
        TransferEntropyConfig config = conditioned
                ? new TransferEntropyConfig(w, InformationUnit.BITS, a, a, 1 + r.nextInt(3), 1 + r.nextInt(2),
                1 + r.nextInt(3), 2, 1, 1 + r.nextInt(2))
                : TransferEntropyConfig.of(w, InformationUnit.BITS, a, a, 1 + r.nextInt(3), 1 + r.nextInt(2), 1 + r.nextInt(3));
        Stream s = Stream.random(r, 1 + r.nextInt(2_000), 3, conditioned ? 2 : a);
        check(() -> new TransferEntropyOperator(config), s, r.nextInt(s.times.length + 1),
                (o, t, x) -> conditioned ? o.update(t, x[0], x[1], x[2]) : o.update(t, x[0], x[1]),
                TransferEntropyOperator::snapshot, TransferEntropyOperator::checkpoint, TransferEntropyOperator::restore);
    }

    @Test
    void historyMeasuresContinueBitIdentically() {
        qt(40).forAll(seeds(), ints(0, 2), bools())
                .checkAssert(CheckpointRestoreProperties::historyMeasuresContinueBitIdentically);
    }

    private static void historyMeasuresContinueBitIdentically(long seed, int kind, boolean activeInformation) {
        Random r = new Random(seed);
        int a = 2 + r.nextInt(4);
        HistoryInformationConfig config = new HistoryInformationConfig(window(kind, r), InformationUnit.NATS,
                activeInformation ? HistoryInformationMeasure.ACTIVE_INFORMATION : HistoryInformationMeasure.ENTROPY_RATE,
                a, 1 + r.nextInt(4));
        Stream s = Stream.random(r, 1 + r.nextInt(2_000), 1, a);
        check(() -> new HistoryInformationOperator(config), s, r.nextInt(s.times.length + 1),
                (o, t, x) -> o.update(t, x[0]), HistoryInformationOperator::snapshot,
                HistoryInformationOperator::checkpoint, HistoryInformationOperator::restore);
    }

    @Test
    void ordinalOperatorsContinueBitIdentically() {
        qt(40).forAll(seeds(), ints(0, 2), bools(), bools())
                .checkAssert(CheckpointRestoreProperties::ordinalOperatorsContinueBitIdentically);
    }

    private static void ordinalOperatorsContinueBitIdentically(long seed, int kind, boolean weighted, boolean complexity) {
        Random r = new Random(seed);
        OrdinalConfig config = new OrdinalConfig(window(kind, r), 2 + r.nextInt(4), 1 + r.nextInt(3), weighted,
                InformationUnit.BITS);
        Stream s = Stream.random(r, 1 + r.nextInt(2_000), 2, 7); // values x0 + 0.37 x1: ties and repeats
        if (complexity) {
            check(() -> new StatisticalComplexityOperator(config), s, r.nextInt(s.times.length + 1),
                    (o, t, x) -> o.update(t, x[0] + 0.37 * x[1]), StatisticalComplexityOperator::snapshot,
                    StatisticalComplexityOperator::checkpoint, StatisticalComplexityOperator::restore);
        } else {
            check(() -> new PermutationEntropyOperator(config), s, r.nextInt(s.times.length + 1),
                    (o, t, x) -> o.update(t, x[0] + 0.37 * x[1]), PermutationEntropyOperator::snapshot,
                    PermutationEntropyOperator::checkpoint, PermutationEntropyOperator::restore);
        }
    }

    @Test
    void countAndTimeWindowsDoNotExportTheirEvents() {
        qt(10).forAll(bools())
                .checkAssert(CheckpointRestoreProperties::countAndTimeWindowsDoNotExportTheirEvents);
    }

    private static void countAndTimeWindowsDoNotExportTheirEvents(boolean count) {
        Window w = count ? Window.count(10) : Window.time(Duration.ofSeconds(1), Duration.ZERO);
        EntropyOperator op = new EntropyOperator(new EntropyConfig(w, EntropyMeasure.shannon(), InformationUnit.BITS, 4));
        assertThatThrownBy(op::checkpoint).isInstanceOf(IllegalStateException.class).hasMessageContaining("state:");
    }

    @Test
    void aStateOfAnotherConfigurationIsRejected() {
        qt(10).forAll(ints(2, 30))
                .checkAssert(CheckpointRestoreProperties::aStateOfAnotherConfigurationIsRejected);
    }

    private static void aStateOfAnotherConfigurationIsRejected(int alphabet) {
        EntropyOperator small = new EntropyOperator(new EntropyConfig(Window.cumulative(), EntropyMeasure.shannon(),
                InformationUnit.BITS, alphabet));
        small.update(0, 1);
        EntropyOperator other = new EntropyOperator(new EntropyConfig(Window.cumulative(), EntropyMeasure.renyi(2),
                InformationUnit.BITS, alphabet));
        assertThatThrownBy(() -> other.restore(small.checkpoint())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("state:");
        EntropyOperator decay = new EntropyOperator(new EntropyConfig(Window.decayEvents(5), EntropyMeasure.shannon(),
                InformationUnit.BITS, alphabet));
        assertThatThrownBy(() -> decay.restore(small.checkpoint())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("state:");
    }
}
