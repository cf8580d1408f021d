package io.entroflow.app.cli;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.IntConsumer;

/**
 * Handlers of operating-system signals (SIGTERM, SIGINT) through the JDK's {@code sun.misc.Signal},
 * reached reflectively, as Kafka's {@code LoggingSignalHandler} does, so that the build has no warning
 * about that unsupported (but stable, in module {@code jdk.unsupported}) API.
 */
final class SignalHandlers {
    private static final Class<?> SIGNAL;
    private static final Class<?> HANDLER;
    private static final Method HANDLE;
    private static final Method NUMBER;

    static {
        try {
            SIGNAL = Class.forName("sun.misc.Signal");
            HANDLER = Class.forName("sun.misc.SignalHandler");
            HANDLE = SIGNAL.getMethod("handle", SIGNAL, HANDLER);
            NUMBER = SIGNAL.getMethod("getNumber");
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private SignalHandlers() {
    }

    /**
     * Makes {@code onSignal} (given the signal's number) the handler of signal {@code name} (e.g.
     * {@code "TERM"}); returns the handler it replaced, for {@link #restore}, or null when the JVM keeps
     * the signal (e.g. under {@code -Xrs}).
     */
    static Object handle(String name, IntConsumer onSignal) {
        Object handler = Proxy.newProxyInstance(SignalHandlers.class.getClassLoader(), new Class<?>[] {HANDLER},
                (proxy, method, args) -> switch (method.getName()) {
                    case "handle" -> {
                        onSignal.accept((Integer) NUMBER.invoke(args[0]));
                        yield null;
                    }
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "entroflow handler of SIG" + name;
                });
        return swap(name, handler);
    }

    /** Gives signal {@code name} back the handler {@link #handle} replaced. */
    static void restore(String name, Object previous) {
        swap(name, previous);
    }

    /** Raises signal {@code name} in this process (tests). */
    static void raise(String name) {
        try {
            SIGNAL.getMethod("raise", SIGNAL).invoke(null, SIGNAL.getConstructor(String.class).newInstance(name));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot raise SIG" + name, e);
        }
    }

    private static Object swap(String name, Object handler) {
        try {
            return HANDLE.invoke(null, SIGNAL.getConstructor(String.class).newInstance(name), handler);
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException) {
                return null; // kept by the JVM or the platform
            }
            throw new IllegalStateException("cannot handle SIG" + name, e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot handle SIG" + name, e);
        }
    }
}
