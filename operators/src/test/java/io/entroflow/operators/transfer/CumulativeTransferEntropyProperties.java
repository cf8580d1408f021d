package io.entroflow.operators.transfer;

import io.entroflow.operators.InformationUnit;
import io.entroflow.operators.internal.joint.JointTables;
import io.entroflow.operators.internal.state.StateWriter;
import io.entroflow.operators.internal.window.EventWindow;
import io.entroflow.operators.window.Window;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static io.entroflow.operators.Theories.ints;
import static io.entroflow.operators.Theories.qt;
import static io.entroflow.operators.Theories.seeds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Transfer entropy on an all-history window (whole-count tables) equals a batch count of every
 * sample so far bit for bit after every event, and an operator restored from a checkpoint in the
 * format written before December 2026 (weighted tables) continues bit-identically to one never
 * interrupted.
 */
class CumulativeTransferEntropyProperties {

    private static TransferEntropyConfig config(Random r) {
        int a = 2 + r.nextInt(3);
        return TransferEntropyConfig.of(Window.cumulative(), InformationUnit.NATS, a, a, 1 + r.nextInt(3),
                1 + r.nextInt(2), 1 + r.nextInt(2));
    }

    private static int[][] streams(Random r, int n, int alphabet) {
        int[] x = new int[n];
        int[] y = new int[n];
        for (int t = 0; t < n; t++) {
            y[t] = r.nextInt(alphabet);
            x[t] = t > 0 && r.nextBoolean() ? y[t - 1] : r.nextInt(alphabet);
        }
        return new int[][] {x, y};
    }

    @Test
    void cumulativeTransferEntropyEqualsABatchCountOfAllSamplesBitForBitAfterEveryEvent() {
        qt(60).forAll(seeds(), ints(1, 600)).checkAssert((seed, n) -> {
            Random r = new Random(seed);
            TransferEntropyConfig config = config(r);
            int[][] s = streams(r, n, config.targetAlphabet());
            JointSamples samples = TransferEntropyOperator.samples(config, s[0], s[1], null);
            BatchConditionalMutualInformation batch = new BatchConditionalMutualInformation(samples, Math.max(1, n));
            TransferEntropyOperator op = new TransferEntropyOperator(config);
            int counted = 0;
            for (int t = 0; t < n; t++) {
                double local = op.update(t, s[0][t], s[1][t]);
                if (!Double.isNaN(local)) {
                    counted++;
                }
                assertThat(op.windowSize()).isEqualTo(counted);
                assertThat(Double.doubleToRawLongBits(op.value()))
                        .as("TE after event %d", t)
                        .isEqualTo(Double.doubleToRawLongBits(Math.max(0.0, batch.nats(0, counted))));
            }
        });
    }

    @Test
    void anOperatorRestoredFromAWeightedTablesCheckpointContinuesBitIdentically() {
        qt(60).forAll(seeds(), ints(1, 800)).checkAssert((seed, n) -> {
            Random r = new Random(seed);
            TransferEntropyConfig config = config(r);
            int[][] s = streams(r, n, config.targetAlphabet());
            int cut = r.nextInt(n + 1);
            TransferEntropyOperator original = new TransferEntropyOperator(config);
            for (int t = 0; t < cut; t++) {
                original.update(t, s[0][t], s[1][t]);
            }
            byte[] oldFormat = weightedFormat(config, original.checkpoint(), Arrays.copyOf(s[0], cut), Arrays.copyOf(s[1], cut));
            TransferEntropyOperator restored = new TransferEntropyOperator(config);
            restored.restore(oldFormat);
            assertThat(restored.checkpoint()).isEqualTo(original.checkpoint());
            for (int t = cut; t < n; t++) {
                double a = original.update(t, s[0][t], s[1][t]);
                double b = restored.update(t, s[0][t], s[1][t]);
                assertThat(Double.doubleToRawLongBits(b)).as("local value of event %d", t).isEqualTo(Double.doubleToRawLongBits(a));
                assertThat(restored.snapshot()).isEqualTo(original.snapshot());
            }
            assertThat(restored.checkpoint()).isEqualTo(original.checkpoint());
        });
    }

    /**
     * The checkpoint an operator of the earlier code wrote for the same events: the window's state,
     * the weighted tables' state, then the rest (histories, events seen) as the new checkpoint has it.
     */
    private static byte[] weightedFormat(TransferEntropyConfig config, byte[] checkpoint, int[] x, int[] y) {
        JointSamples samples = TransferEntropyOperator.samples(config, x, y, null);
        long[] masks = JointTables.conditionalMutualInformationMasks(samples.maskA(), samples.maskB(), samples.maskC());
        JointTables weighted = JointTables.weighted(masks);
        JointTables counting = JointTables.cumulative(masks);
        for (long code : samples.codes()) {
            weighted.add(code, 1.0);
            counting.add(code, 1.0);
        }
        StateWriter windowState = new StateWriter();
        EventWindow.of(Window.cumulative()).writeState(windowState);
        int windowBytes = windowState.toByteArray().length;
        int countingBytes = bytes(counting).length;
        byte[] weightedBytes = bytes(weighted);
        byte[] old = new byte[checkpoint.length - countingBytes + weightedBytes.length];
        System.arraycopy(checkpoint, 0, old, 0, windowBytes);
        System.arraycopy(weightedBytes, 0, old, windowBytes, weightedBytes.length);
        System.arraycopy(checkpoint, windowBytes + countingBytes, old, windowBytes + weightedBytes.length,
                checkpoint.length - windowBytes - countingBytes);
        return old;
    }

    private static byte[] bytes(JointTables tables) {
        StateWriter out = new StateWriter();
        tables.writeState(out);
        return out.toByteArray();
    }
}
