package io.entroflow.operators.concurrent;

import io.entroflow.operators.InformationUnit;
import io.entroflow.operators.entropy.EntropyConfig;
import io.entroflow.operators.entropy.EntropyMeasure;
import io.entroflow.operators.entropy.EntropyOperator;
import io.entroflow.operators.entropy.EntropySnapshot;
import io.entroflow.operators.window.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Readers on other threads never see a torn state while one writer updates continuously. */
class SnapshotStressTest {
    private static final int WINDOW = 512;
    private static final int ALPHABET = 40;

    @Test
    @Timeout(60)
    void readersNeverSeeATornWindow() throws Exception {
        EntropyOperator op = new EntropyOperator(new EntropyConfig(Window.count(WINDOW), EntropyMeasure.shannon(),
                InformationUnit.BITS, ALPHABET));
        Random random = new Random(1);
        for (int i = 0; i < WINDOW; i++) {
            op.update(i, random.nextInt(ALPHABET)); // full window before readers start
        }
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<String> failure = new AtomicReference<>();
        AtomicLong reads = new AtomicLong();
        CountDownLatch started = new CountDownLatch(2);
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            boolean copies = r == 0;
            Thread t = new Thread(() -> {
                started.countDown();
                while (!done.get() && failure.get() == null) {
                    if (copies) {
                        double total = java.util.Arrays.stream(op.weights()).sum();
                        if (total != WINDOW) {
                            failure.set("weights copy holds " + total + " events, window is " + WINDOW);
                        }
                    } else {
                        EntropySnapshot s = op.snapshot();
                        if (s.events() != WINDOW || s.totalWeight() != WINDOW || s.support() > ALPHABET
                                || !(s.value() >= 0 && s.value() <= Math.log(ALPHABET) / Math.log(2) + 1e-9)) {
                            failure.set("inconsistent snapshot " + s);
                        }
                    }
                    reads.incrementAndGet();
                }
            });
            t.start();
            readers.add(t);
        }
        started.await();
        long t0 = System.nanoTime();
        long written = 0;
        // skewed phases make the support and the sums swing widely while readers copy
        while (System.nanoTime() - t0 < 1_500_000_000L && failure.get() == null) {
            int phase = (int) ((written / 5000) % 3);
            int symbol = phase == 0 ? random.nextInt(ALPHABET) : phase == 1 ? random.nextInt(2) : (random.nextInt(10) == 0 ? random.nextInt(ALPHABET) : 7);
            op.update(WINDOW + written, symbol);
            written++;
        }
        done.set(true);
        for (Thread t : readers) {
            t.join(10_000);
        }
        assertThat(failure.get()).isNull();
        assertThat(reads.get()).isGreaterThan(100);
        assertThat(written).isGreaterThan(10_000);
    }
}
