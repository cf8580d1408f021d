package io.entroflow.operators.conformal;

import io.entroflow.operators.state.Checkpointable;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleConsumer;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checkpoint bytes are a stored format: checkpoints of the conformal calibrator, LORD++ and
 * SAFFRON recorded in {@code checkpoints.hex} must still restore, write the same bytes again, and
 * be what the same inputs write now.
 */
class ConformalCheckpointFormatTest {
    private static final int[] CUTS = {0, 5, 120, 700};

    private record Case(Supplier<Checkpointable> fresh, List<byte[]> checkpoints) {
    }

    private static Case run(Supplier<Checkpointable> fresh, Random r, boolean pValues) {
        Checkpointable c = fresh.get();
        DoubleConsumer feed = c instanceof ConformalCalibrator cc ? cc::update : p -> ((OnlineFdr) c).test(p);
        List<byte[]> checkpoints = new ArrayList<>();
        int done = 0;
        for (int cut : CUTS) {
            for (; done < cut; done++) {
                feed.accept(pValues ? (r.nextInt(8) == 0 ? 1e-4 * r.nextDouble() : r.nextDouble())
                        : Math.floor(4 * r.nextGaussian()) + (r.nextInt(90) == 0 ? 20 : 0));
            }
            checkpoints.add(c.checkpoint());
        }
        return new Case(fresh, checkpoints);
    }

    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (long seed = 1; seed <= 3; seed++) {
            Random r = new Random(seed);
            for (Side side : Side.values()) {
                ConformalConfig config = new ConformalConfig(20 + r.nextInt(60), 1 + r.nextInt(5), side,
                        0.05 + 0.1 * r.nextDouble(), r.nextBoolean(), r.nextLong());
                cases.add(run(() -> new ConformalCalibrator(config), r, false));
            }
            double q = 0.02 + 0.2 * r.nextDouble();
            cases.add(run(() -> LordPlusPlus.withTarget(q), r, true));
            cases.add(run(() -> Saffron.withTarget(q), r, true));
        }
        return cases;
    }

    @Test
    void recordedCheckpointsShouldRestoreAndBeWrittenAgainByteForByte() {
        List<Case> cases = cases();
        List<byte[]> recorded = RecordedCheckpoints.read(ConformalCheckpointFormatTest.class, "checkpoints.hex");
        assertThat(recorded).hasSize(cases.size() * CUTS.length);
        int i = 0;
        for (Case c : cases) {
            for (byte[] written : c.checkpoints()) {
                byte[] state = recorded.get(i++);
                assertThat(written).as("case %d written", i).isEqualTo(state);
                RecordedCheckpoints.assertRestoresByteForByte(c.fresh().get(), state, "case " + i);
            }
        }
    }
}
