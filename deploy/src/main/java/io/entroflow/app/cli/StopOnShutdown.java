package io.entroflow.app.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A JVM shutdown hook (SIGTERM, Ctrl-C) that stops a command's running loop and then holds the JVM
 * until the command has closed what it opened, at most a given time. Registered before anything is
 * opened, so that a signal at any point closes cleanly: a loop that is handed over with
 * {@link #stopWith} after the signal is stopped at once. {@link #close()} says the command has
 * closed everything and removes the hook. Used by {@code run}, {@code record} and {@code replay}.
 *
 * <p>Thread safety: {@link #stopWith} and {@link #close()} are called by the command's thread, the
 * hook runs on its own; a stop requested while a loop is being handed over reaches it (it may be
 * stopped twice, so its stop must be idempotent).
 */
final class StopOnShutdown implements AutoCloseable {
    private final AtomicBoolean requested = new AtomicBoolean();
    private final AtomicReference<Runnable> stop = new AtomicReference<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread hook;

    private StopOnShutdown(String threadName, Duration closeWait) {
        long waitMillis = closeWait.toMillis();
        this.hook = new Thread(() -> {
            requested.set(true);
            Runnable s = stop.get();
            if (s != null) {
                s.run();
            }
            try {
                closed.await(waitMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, threadName);
    }

    /**
     * Registers the hook.
     *
     * @param threadName the hook thread's name
     * @param closeWait  how long the hook waits for {@link #close()} after stopping the loop, &gt; 0
     */
    static StopOnShutdown register(String threadName, Duration closeWait) {
        if (closeWait.isNegative() || closeWait.isZero()) {
            throw new IllegalArgumentException("closeWait: expected > 0, got " + closeWait);
        }
        StopOnShutdown s = new StopOnShutdown(threadName, closeWait);
        Runtime.getRuntime().addShutdownHook(s.hook);
        return s;
    }

    /** What the hook stops; runs it now if shutdown has already begun. */
    void stopWith(Runnable loopStop) {
        stop.set(loopStop);
        if (requested.get()) {
            loopStop.run();
        }
    }

    /** Everything is closed: releases a waiting hook and removes it (a running hook cannot be removed). */
    @Override
    public void close() {
        closed.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: nothing to remove
        }
    }
}
