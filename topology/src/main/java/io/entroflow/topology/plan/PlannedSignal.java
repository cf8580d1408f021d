package io.entroflow.topology.plan;

import io.entroflow.schemas.spec.SignalSpec;
import io.entroflow.topology.operator.SignalInfo;

/**
 * A resolved signal.
 *
 * @param index position among the monitor's signals
 * @param spec  its spec entry
 * @param info  what operators see: symbolic or raw, alphabet size
 * @param parts joint signals: indices of the constituent signals (earlier in the list), else empty
 * @param topic the input topic whose events carry the signal (a joint signal: its parts' topic), or
 *              null for every input topic
 */
public record PlannedSignal(int index, SignalSpec spec, SignalInfo info, int[] parts, String topic) {
    public static final String CATEGORICAL = "categorical";
    public static final String NUMERIC = "numeric";
    public static final String INTER_ARRIVAL = "inter-arrival";
    public static final String JOINT = "joint";

    /** A signal the schema rejected, known by its name only; never in a plan that is returned. */
    static PlannedSignal unplanned(int index, SignalSpec spec) {
        return new PlannedSignal(index, spec, null, new int[0], null);
    }

    /** True for a signal the schema rejected: nothing about it can be checked. */
    boolean unplanned() {
        return info == null;
    }

    /** True for a joint signal: symbol = mixed-radix combination of its parts' symbols. */
    public boolean joint() {
        return JOINT.equals(spec.kind());
    }

    /** Signal name. */
    public String name() {
        return spec.name();
    }

    /** True when events of input topic {@code inputTopic} carry this signal. */
    public boolean readsFrom(String inputTopic) {
        return topic == null || topic.equals(inputTopic);
    }

    /** True for categorical signals. */
    public boolean categorical() {
        return CATEGORICAL.equals(spec.kind());
    }

    /** True for the derived inter-arrival signal. */
    public boolean interArrival() {
        return INTER_ARRIVAL.equals(spec.kind());
    }

    /** Categorical without a fixed {@code values} list: symbols assigned per key on first appearance. */
    public boolean openCategories() {
        return categorical() && spec.values() == null;
    }

    /** Ordinal-pattern symboliser. */
    public boolean ordinal() {
        return spec.symbolize() != null && "ordinal".equals(spec.symbolize().method());
    }

    /** Fixed-width-bins symboliser. */
    public boolean bins() {
        return spec.symbolize() != null && "bins".equals(spec.symbolize().method());
    }
}
