package io.entroflow.operators.transfer;

import io.entroflow.operators.InformationUnit;
import io.entroflow.operators.window.Window;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchConditionalMutualInformationTest {

    @Test
    void shouldEqualTheOperatorOverACountWindowHoldingTheSameSamplesBitForBit() {
        int window = 500;
        SplittableRandom random = new SplittableRandom(3);
        int n = 2_000;
        int[] x = new int[n];
        int[] y = new int[n];
        for (int t = 0; t < n; t++) {
            y[t] = random.nextInt(4);
            x[t] = t > 0 && random.nextBoolean() ? y[t - 1] : random.nextInt(4);
        }
        TransferEntropyConfig config = TransferEntropyConfig.of(Window.count(window), InformationUnit.NATS, 4, 4, 2, 1, 1);
        JointSamples samples = TransferEntropyOperator.samples(config, x, y, null);
        BatchConditionalMutualInformation batch = new BatchConditionalMutualInformation(samples, window);
        TransferEntropyOperator op = new TransferEntropyOperator(config);
        int sample = 0;
        for (int t = 0; t < n; t++) {
            op.update(t, x[t], y[t]);
            if (t >= config.warmUp()) {
                sample++;
                if (sample % 97 == 0) {
                    double expected = op.value();
                    assertThat(batch.nats(Math.max(0, sample - window), sample)).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void shouldRejectARangeLongerThanItsTables() {
        JointSamples samples = new JointSamples(new long[10], 1, 2, 0);
        BatchConditionalMutualInformation batch = new BatchConditionalMutualInformation(samples, 4);
        assertThatThrownBy(() -> batch.nats(0, 5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("range");
        assertThat(batch.nats(2, 6)).isZero();
    }
}
