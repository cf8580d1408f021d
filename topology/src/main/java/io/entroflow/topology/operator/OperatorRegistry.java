package io.entroflow.topology.operator;

import io.entroflow.topology.measure.Measure;
import io.entroflow.topology.measure.MeasureCatalogue;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.LinkedHashMap;

/**
 * Maps a spec operator {@code type} (a measure's name or alias, see {@link MeasureCatalogue}) to its
 * measure and factory. Built once at start-up; read-only afterwards (safe to share across stream
 * threads once built).
 */
public final class OperatorRegistry {
    /** A registered type: its measure (names, parameters) and its factory. */
    public record Registered(Measure measure, OperatorFactory factory) {
    }

    private final Map<String, Registered> byType = new LinkedHashMap<>(); // canonical names, in registration order
    private final Map<String, Registered> byName = new HashMap<>(); // names and aliases

    /** The registry with every measure of the catalogue ({@link StandardOperators}). */
    public static OperatorRegistry standard() {
        OperatorRegistry r = new OperatorRegistry();
        StandardOperators.registerAll(r);
        return r;
    }

    /**
     * Registers {@code factory} for {@code measure}, under its name and aliases.
     *
     * @throws IllegalStateException when one of them is already registered
     */
    public OperatorRegistry register(Measure measure, OperatorFactory factory) {
        Registered r = new Registered(measure, factory);
        for (String name : measure.names()) {
            if (byName.containsKey(name)) {
                throw new IllegalStateException("operator type '" + name + "' is already registered");
            }
        }
        measure.names().forEach(n -> byName.put(n, r));
        byType.put(measure.name(), r);
        return this;
    }

    /**
     * Registers {@code factory} under {@code type}: the catalogue's measure of that name, or (an operator
     * outside the catalogue) a measure without parameters taking 1 to 64 signals.
     *
     * @throws IllegalStateException when {@code type} is already registered
     */
    public OperatorRegistry register(String type, OperatorFactory factory) {
        Measure m = MeasureCatalogue.find(type).filter(c -> c.name().equals(type))
                .orElseGet(() -> new Measure(type, List.of(), type, 1, 64, true, List.of()));
        return register(m, factory);
    }

    /** The registration of {@code type} (a name or an alias). */
    public Optional<Registered> find(String type) {
        return Optional.ofNullable(type == null ? null : byName.get(type));
    }

    /** The factory for {@code type} (a name or an alias), or null. */
    public OperatorFactory factory(String type) {
        return find(type).map(Registered::factory).orElse(null);
    }

    /** Registered canonical types, in registration order (the catalogue's for the standard registry). */
    public Set<String> types() {
        return Collections.unmodifiableSet(byType.keySet());
    }
}
