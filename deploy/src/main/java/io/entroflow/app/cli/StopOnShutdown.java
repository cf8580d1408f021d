package io.entroflow.app.cli;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Stops a command's running loop on SIGTERM or Ctrl-C (SIGINT) so that the command closes what it
 * opened and returns its own exit status (0 for a clean stop), as a service manager expects of a
 * graceful stop: the two signals get a handler of their own while the command runs, which stops the
 * loop and lets the command's thread finish; if it has not finished within the given time, or on a
 * second signal, the JVM exits as it would have (status 128 + the signal's number). A JVM shutdown
 * hook does the same for any other exit (and for both signals where the JVM keeps them, as under
 * {@code -Xrs}): it stops the loop and holds the JVM until the command has closed, at most the given
 * time. Registered before anything is opened, so that a signal at any point closes cleanly: a loop
 * that is handed over with {@link #stopWith} after the signal is stopped at once. {@link #close()}
 * says the command has closed everything, removes the hook and restores the signals' handlers. Used
 * by {@code run}, {@code record}, {@code replay}, {@code deliver} and {@code alerts}.
 *
 * <p>Thread safety: {@link #stopWith} and {@link #close()} are called by the command's thread, the
 * hook and the signal handlers run on their own; a stop requested while a loop is being handed over reaches it (it may be
 * stopped twice, so its stop must be idempotent).
 */
final class StopOnShutdown implements AutoCloseable {
    private final AtomicBoolean requested = new AtomicBoolean();
    /** Set before a signal's exit that gives up waiting: the hook then does not wait again. */
    private volatile boolean forced;
    private final AtomicReference<Runnable> stop = new AtomicReference<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread hook;
    private final String threadName;
    private final long waitMillis;
    /** The handlers this one replaced, by signal name, restored by {@link #close()}. */
    private final Map<String, Object> replaced = new LinkedHashMap<>();

    private StopOnShutdown(String threadName, Duration closeWait) {
        this.threadName = threadName;
        this.waitMillis = closeWait.toMillis();
        this.hook = new Thread(() -> {
            requested.set(true);
            runStop();
            if (!forced) {
                awaitClosed();
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
        s.handleSignals();
        return s;
    }

    private void handleSignals() {
        for (String name : List.of("TERM", "INT")) {
            Object previous = SignalHandlers.handle(name, this::onSignal);
            if (previous != null) { // else kept by the JVM (-Xrs): the shutdown hook stops the loop
                replaced.put(name, previous);
            }
        }
    }

    /**
     * The first SIGTERM or SIGINT stops the loop and starts a watchdog that exits after the close wait;
     * a second one exits at once. The hook that such an exit runs does not wait again.
     */
    private void onSignal(int signalNumber) {
        int status = 128 + signalNumber;
        if (!requested.compareAndSet(false, true)) {
            exit(status);
            return;
        }
        runStop();
        Thread watchdog = new Thread(() -> {
            if (!awaitClosed()) {
                exit(status);
            }
        }, threadName + "-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private void exit(int status) {
        forced = true;
        System.exit(status);
    }

    private void runStop() {
        Runnable s = stop.get();
        if (s != null) {
            s.run();
        }
    }

    /** Waits for {@link #close()}, at most the close wait; true when it came. */
    private boolean awaitClosed() {
        try {
            return closed.await(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** What the hook stops; runs it now if shutdown has already begun. */
    void stopWith(Runnable loopStop) {
        stop.set(loopStop);
        if (requested.get()) {
            loopStop.run();
        }
    }

    /**
     * Everything is closed: releases a waiting hook or watchdog, removes the hook (a running hook cannot be
     * removed) and gives the signals their handlers back.
     */
    @Override
    public void close() {
        closed.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: nothing to remove
        }
        replaced.forEach(SignalHandlers::restore);
        replaced.clear();
    }
}
