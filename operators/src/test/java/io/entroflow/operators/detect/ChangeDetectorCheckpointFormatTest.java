package io.entroflow.operators.detect;

import io.entroflow.operators.conformal.RecordedCheckpoints;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checkpoint bytes are a stored format: checkpoints recorded in {@code checkpoints.hex} (every
 * detector, random configurations, cut before, during and after warm-up and alarms) must still
 * restore, and restored they must write the same bytes again. CUSUM and Page-Hinkley use only
 * exactly rounded arithmetic, so the same values must also write the recorded bytes on any JVM.
 */
class ChangeDetectorCheckpointFormatTest {
    private static final int[] CUTS = {0, 7, 150, 600};

    /** The recorded cases, in file order: kind, the fresh detector and the stream's checkpoints. */
    private record Case(int kind, Supplier<ChangeDetector> fresh, List<byte[]> checkpoints) {
    }

    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (long seed = 1; seed <= 4; seed++) {
            for (int kind = 0; kind < 4; kind++) {
                Random r = new Random(seed * 31 + kind);
                Supplier<ChangeDetector> fresh = Detectors.random(r, kind);
                ChangeDetector d = fresh.get();
                List<byte[]> checkpoints = new ArrayList<>();
                double level = 0;
                int done = 0;
                for (int cut : CUTS) {
                    for (; done < cut; done++) {
                        if (r.nextInt(60) == 0) {
                            level += 3 * r.nextGaussian();
                        }
                        d.update(level + r.nextGaussian());
                    }
                    checkpoints.add(d.checkpoint());
                }
                cases.add(new Case(kind, fresh, checkpoints));
            }
        }
        return cases;
    }

    @Test
    void recordedCheckpointsShouldRestoreAndBeWrittenAgainByteForByte() {
        List<Case> cases = cases();
        List<byte[]> recorded = RecordedCheckpoints.read(ChangeDetectorCheckpointFormatTest.class, "checkpoints.hex");
        assertThat(recorded).hasSize(cases.size() * CUTS.length);
        int i = 0;
        for (Case c : cases) {
            for (byte[] written : c.checkpoints()) {
                byte[] state = recorded.get(i++);
                RecordedCheckpoints.assertRestoresByteForByte(c.fresh().get(), state, "case " + i);
                if (c.kind() <= 1) {
                    assertThat(written).as("case %d written", i).isEqualTo(state);
                }
            }
        }
    }
}
