package io.entroflow.topology.operator;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Maps a spec operator {@code type} to its factory. Built once at start-up; read-only afterwards
 * (safe to share across stream threads once built).
 */
public final class OperatorRegistry {
    private final Map<String, OperatorFactory> factories = new TreeMap<>();

    /** The registry with every operator of the library ({@link StandardOperators}). */
    public static OperatorRegistry standard() {
        OperatorRegistry r = new OperatorRegistry();
        StandardOperators.registerAll(r);
        return r;
    }

    /**
     * Registers {@code factory} under {@code type}.
     *
     * @throws IllegalStateException when {@code type} is already registered
     */
    public OperatorRegistry register(String type, OperatorFactory factory) {
        if (factories.putIfAbsent(type, factory) != null) {
            throw new IllegalStateException("operator type '" + type + "' is already registered");
        }
        return this;
    }

    /** The factory for {@code type}, or null. */
    public OperatorFactory factory(String type) {
        return factories.get(type);
    }

    /** Registered types, sorted. */
    public java.util.Set<String> types() {
        return Collections.unmodifiableSet(factories.keySet());
    }
}
