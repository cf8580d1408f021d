package io.entroflow.operators.transfer;

import io.entroflow.operators.InformationUnit;
import io.entroflow.operators.RejectedEventException;
import io.entroflow.operators.window.Window;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Snapshots taken on another thread while the writer runs are states the writer actually passed through. */
class TransferEntropySnapshotConcurrencyTest {

    @Test
    void shouldOnlyHandOutSnapshotsOfStatesTheWriterPassedThrough() throws Exception {
        int n = 200_000;
        Random random = new Random(12);
        int[] x = new int[n];
        int[] y = new int[n];
        for (int t = 0; t < n; t++) {
            y[t] = random.nextInt(4);
            x[t] = t > 0 && random.nextBoolean() ? y[t - 1] : random.nextInt(4);
        }
        TransferEntropyConfig config = TransferEntropyConfig.of(Window.cumulative(), InformationUnit.BITS, 4, 4, 2, 1, 1);
        // the value after each number of samples, computed single-threaded
        double[] expected = new double[n + 1];
        TransferEntropyOperator reference = new TransferEntropyOperator(config);
        for (int t = 0; t < n; t++) {
            reference.update(t, x[t], y[t]);
            expected[(int) reference.windowSize()] = reference.value();
        }
        TransferEntropyOperator op = new TransferEntropyOperator(config);
        AtomicReference<String> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            long lastSamples = -1;
            while (lastSamples < n - 2 && failure.get() == null) {
                TransferEntropySnapshot s = op.snapshot();
                if (s.samples() > 0 && s.value() != expected[(int) s.samples()]) {
                    failure.set("after " + s.samples() + " samples: " + s.value() + " vs " + expected[(int) s.samples()]);
                }
                lastSamples = s.samples();
            }
        });
        reader.start();
        for (int t = 0; t < n; t++) {
            op.update(t, x[t], y[t]);
        }
        reader.join(30_000);
        assertThat(failure.get()).isNull();
        assertThat(op.snapshot().value()).isEqualTo(expected[n - 2]);
    }

    @Test
    void shouldLeaveTheOperatorUnchangedWhenATimeWindowRejectsALateEvent() {
        TransferEntropyOperator op = new TransferEntropyOperator(TransferEntropyConfig.of(
                Window.time(Duration.ofMillis(100), Duration.ofMillis(10)), InformationUnit.BITS, 2, 2, 1, 1, 1));
        op.update(1000, 0, 1);
        op.update(1010, 1, 0);
        op.update(1020, 0, 1);
        TransferEntropySnapshot before = op.snapshot();
        assertThatThrownBy(() -> op.update(990, 1, 1)).isInstanceOf(RejectedEventException.class)
                .satisfies(e -> assertThat(((RejectedEventException) e).reason()).isEqualTo(RejectedEventException.Reason.LATE));
        assertThat(op.snapshot()).isEqualTo(before);
        // the histories did not take the rejected symbols: the next sample's local value is as without it
        TransferEntropyOperator twin = new TransferEntropyOperator(op.config());
        twin.update(1000, 0, 1);
        twin.update(1010, 1, 0);
        twin.update(1020, 0, 1);
        assertThat(op.update(1030, 1, 0)).isEqualTo(twin.update(1030, 1, 0));
    }
}
