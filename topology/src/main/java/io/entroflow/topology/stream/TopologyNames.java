package io.entroflow.topology.stream;

import io.entroflow.topology.plan.PlannedOperator;

import java.util.Locale;

/**
 * The one place that names every processor, store and internal topic of a monitor, so changelog
 * topics stay stable when the spec gains or loses operators. Pattern: {@code <monitor>-<part>}, and for
 * operators {@code <monitor>-<signal>-<operator>} / {@code <monitor>-<signal>-<operator>-store}
 * (several signals joined with {@code .}).
 */
public final class TopologyNames {
    private final String monitor;
    private final String applicationId;

    /** The names of monitor {@code monitor} under its own application id, {@code entroflow-<monitor>}. */
    public TopologyNames(String monitor) {
        this(monitor, defaultApplicationId(monitor));
    }

    /**
     * The names of monitor {@code monitor} run under another application id (reprocessing, a replay
     * beside the live monitor): the same node and store names, but the application id's own re-key
     * topic, so two applications of one spec never share a topic they both read.
     */
    public TopologyNames(String monitor, String applicationId) {
        this.monitor = monitor;
        this.applicationId = applicationId;
    }

    /** {@code entroflow-<monitor>}: the application id of the live monitor. */
    public static String defaultApplicationId(String monitor) {
        return "entroflow-" + monitor;
    }

    /** Kafka Streams {@code application.id}: {@code entroflow-<monitor>} unless given. */
    public String applicationId() {
        return applicationId;
    }

    public String source() {
        return monitor + "-source";
    }

    public String parse() {
        return monitor + "-parse";
    }

    public String deadLetterSink() {
        return monitor + "-dead-letter-sink";
    }

    /**
     * The re-key topic (used when the key comes from a field), {@code entroflow-<monitor>-rekey}: scoped
     * like the changelogs by the application id, so it never collides with a user topic; created by the runtime.
     */
    public String rekeyTopic() {
        return applicationId() + "-rekey";
    }

    /** Whether {@code topic} is named like a monitor's re-key topic ({@link #rekeyTopic()}), whose values are {@link RekeyedEventSerde} records. */
    public static boolean isRekeyTopic(String topic) {
        return topic != null && topic.startsWith("entroflow-") && topic.endsWith("-rekey");
    }

    public String rekeySink() {
        return monitor + "-rekey-sink";
    }

    public String rekeySource() {
        return monitor + "-rekey-source";
    }

    public String requestsSource() {
        return monitor + "-requests-source";
    }

    public String requests() {
        return monitor + "-requests";
    }

    public String signals() {
        return monitor + "-signals";
    }

    public String signalsStore() {
        return monitor + "-signals-store";
    }

    /** {@code <monitor>-<signal>-<operator>}. */
    public String operator(PlannedOperator op) {
        return monitor + "-" + op.signalPart() + "-" + op.name();
    }

    /** {@code <monitor>-<signal>-<operator>-store}. */
    public String operatorStore(PlannedOperator op) {
        return operator(op) + "-store";
    }

    /**
     * {@code <monitor>-<stage>-end}: the terminal node of a prefix topology that stops after
     * {@code stage} ({@link MonitorTopology#build(io.entroflow.topology.plan.MonitorPlan, MonitorCounters,
     * MonitorTopology.Stage)}); absent from the full monitor.
     */
    public String stageEnd(MonitorTopology.Stage stage) {
        return monitor + "-" + stage.name().toLowerCase(Locale.ROOT) + "-end";
    }

    public String aggregatesSink() {
        return monitor + "-aggregates-sink";
    }

    public String rules() {
        return monitor + "-rules";
    }

    public String alertsStore() {
        return monitor + "-alerts-store";
    }

    public String alertEventsSink() {
        return monitor + "-alert-events-sink";
    }

    public String alertStateSink() {
        return monitor + "-alert-state-sink";
    }

    /** The changelog topic Kafka Streams derives for {@code store}. */
    public String changelog(String store) {
        return applicationId() + "-" + store + "-changelog";
    }
}
