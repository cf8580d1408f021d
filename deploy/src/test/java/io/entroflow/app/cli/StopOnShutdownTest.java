package io.entroflow.app.cli;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM and SIGINT stop a command's loop and leave the exit to the command (status 0 for a clean
 * stop), instead of the JVM exiting with 128 + the signal's number. The signals are raised in this
 * JVM: without the handler, the test JVM would exit and the run fail.
 */
class StopOnShutdownTest {
    @Test
    void sigtermStopsTheLoopAndLeavesTheExitToTheCommand() throws InterruptedException {
        stopsOn("TERM");
    }

    @Test
    void sigintStopsTheLoopAndLeavesTheExitToTheCommand() throws InterruptedException {
        stopsOn("INT");
    }

    @Test
    void aLoopHandedOverAfterTheSignalIsStoppedAtOnce() throws InterruptedException {
        CountDownLatch first = new CountDownLatch(1);
        try (StopOnShutdown shutdown = StopOnShutdown.register("test-shutdown", Duration.ofSeconds(30))) {
            shutdown.stopWith(first::countDown);
            SignalHandlers.raise("TERM");
            assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();
            CountDownLatch later = new CountDownLatch(1);
            shutdown.stopWith(later::countDown);
            assertThat(later.getCount()).isZero();
        }
    }

    private static void stopsOn(String signal) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        try (StopOnShutdown shutdown = StopOnShutdown.register("test-shutdown", Duration.ofSeconds(30))) {
            shutdown.stopWith(stopped::countDown);
            SignalHandlers.raise(signal);
            assertThat(stopped.await(10, TimeUnit.SECONDS)).as("the loop's stop ran").isTrue();
        }
        // closed within the wait: no watchdog exit follows (this JVM would be gone)
        Thread.sleep(200);
    }
}
