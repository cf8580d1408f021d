package io.entroflow.app.bench;

import io.entroflow.topology.stream.MonitorTopology;

import java.util.Locale;

/**
 * What one throughput run executes on the bench topic. Every variant reads the same topic with its
 * own application id, exactly-once, with the monitor's Streams configuration.
 */
public enum Variant {
    /** Source &rarr; a counting processor &rarr; sink: every record written out unchanged ({@link BaselineTopology#passthrough}). */
    PASSTHROUGH(null),
    /**
     * What a plain Kafka Streams application does with the same input: parse each JSON value (a
     * Jackson tree), read its key and time fields, repartition by the key when the spec's key comes
     * from a field, write the record out ({@link BaselineTopology#baseline}).
     */
    BASELINE(null),
    /** The monitor up to parsing (and the re-key topic): {@link MonitorTopology.Stage#PARSE}. */
    PARSE(MonitorTopology.Stage.PARSE),
    /** The monitor up to the signals processor: {@link MonitorTopology.Stage#SIGNALS}. */
    SIGNALS(MonitorTopology.Stage.SIGNALS),
    /** The monitor up to the operators and aggregates: {@link MonitorTopology.Stage#OPERATORS}. */
    OPERATORS(MonitorTopology.Stage.OPERATORS),
    /** The whole monitor as {@code entroflow run} runs it ({@code MonitorRuntime}, rules included). */
    MONITOR(MonitorTopology.Stage.RULES);

    private final MonitorTopology.Stage stage;

    Variant(MonitorTopology.Stage stage) {
        this.stage = stage;
    }

    /** The monitor prefix this variant runs, or null for the plain topologies. */
    public MonitorTopology.Stage stage() {
        return stage;
    }

    /** Lower-case name, as in the output and JSON ({@code passthrough}, {@code monitor}, ...). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
