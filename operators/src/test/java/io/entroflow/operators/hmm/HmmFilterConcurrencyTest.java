package io.entroflow.operators.hmm;

import io.entroflow.operators.signal.HmmSampler;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class HmmFilterConcurrencyTest {

    @Test
    void shouldHandReadersConsistentSnapshotsWhileTheWriterRuns() throws InterruptedException {
        HmmModel model = Models.gaussian(new double[] {0, 2, 4, 6}, new double[] {1, 1, 1, 1}, 0.9);
        double[] x = new HmmSampler(model, 2).sample(200_000).observations();
        HmmFilter filter = new HmmFilter(model);
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<String> failure = new AtomicReference<>();
        AtomicLong reads = new AtomicLong();
        Thread reader = new Thread(() -> {
            long lastEvents = 0;
            while (!done.get()) {
                HmmSnapshot s = filter.snapshot();
                reads.incrementAndGet();
                if (s.events() == 0) {
                    continue;
                }
                double sum = 0;
                double max = -1;
                for (double p : s.posterior()) {
                    sum += p;
                    max = Math.max(max, p);
                }
                if (Math.abs(sum - 1) > 1e-12 || s.stateProbability() != max || s.events() < lastEvents) {
                    failure.compareAndSet(null, "torn snapshot at " + s.events() + ": sum " + sum + ", state p "
                            + s.stateProbability() + " vs max " + max);
                }
                lastEvents = s.events();
            }
        });
        reader.start();
        for (int t = 0; t < x.length; t++) {
            filter.update(t, x[t]);
        }
        done.set(true);
        reader.join();
        assertThat(failure.get()).isNull();
        assertThat(reads.get()).isPositive();
        assertThat(filter.snapshot().logLikelihood()).isEqualTo(filter.logLikelihood());
    }
}
