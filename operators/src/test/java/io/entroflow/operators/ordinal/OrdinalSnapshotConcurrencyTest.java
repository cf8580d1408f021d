package io.entroflow.operators.ordinal;

import io.entroflow.operators.InformationUnit;
import io.entroflow.operators.signal.NoiseSource;
import io.entroflow.operators.window.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Snapshots taken while the writer runs are consistent views of one window state. */
class OrdinalSnapshotConcurrencyTest {

    @Test
    @Timeout(30)
    void shouldHandOutConsistentSnapshotsWhileTheWriterRuns() throws Exception {
        OrdinalConfig config = new OrdinalConfig(Window.count(50), 4, 1, false, InformationUnit.BITS);
        StatisticalComplexityOperator sc = new StatisticalComplexityOperator(config);
        PermutationEntropyOperator pe = new PermutationEntropyOperator(config.withWeighted(true));
        double[] xs = new NoiseSource(NoiseSource.Colour.PINK, 1, 3).values(1 << 14);
        for (int i = 0; i < 100; i++) {
            sc.update(i, xs[i]);
            pe.update(i, xs[i]);
        }
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                while (!done.get()) {
                    ComplexitySnapshot c = sc.snapshot();
                    assertThat(c.patterns()).isEqualTo(50);
                    assertThat(c.entropy()).isBetween(0.0, 1.0);
                    assertThat(c.forbidden().size()).isBetween(0, 24);
                    assertThat(c.complexity()).isBetween(c.minimumComplexity() - 1e-9, c.maximumComplexity() + 1e-9);
                    PermutationEntropySnapshot p = pe.snapshot();
                    assertThat(p.patterns()).isEqualTo(50);
                    assertThat(p.value()).isBetween(0.0, 1.0);
                    assertThat(p.observed()).isBetween(1, 24);
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        reader.start();
        for (int i = 100; i < 400_000; i++) {
            double x = xs[i & (xs.length - 1)];
            sc.update(i, x);
            pe.update(i, x);
        }
        done.set(true);
        reader.join();
        assertThat(failure.get()).isNull();
    }
}
