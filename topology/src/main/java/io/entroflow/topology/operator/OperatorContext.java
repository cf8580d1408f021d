package io.entroflow.topology.operator;

import com.fasterxml.jackson.databind.JsonNode;
import io.entroflow.operators.InformationUnit;
import io.entroflow.operators.window.Window;
import io.entroflow.schemas.spec.OperatorSpec;

import java.util.List;

/**
 * Everything a factory needs: the spec entry, its resolved input signals, the window and the unit.
 *
 * @param spec    the operator's spec entry
 * @param path    its path in the spec, e.g. {@code operators[2]}, for messages
 * @param signals the resolved input signals, in spec order
 * @param window  the window (count, or time with the monitor's lateness)
 * @param unit    bits or nats from {@code base}
 */
public record OperatorContext(OperatorSpec spec, String path, List<SignalInfo> signals, Window window,
                              InformationUnit unit) {
    public OperatorContext {
        signals = List.copyOf(signals);
    }

    /** A numeric parameter, or {@code fallback} when absent. */
    public double doubleParam(String name, double fallback) {
        JsonNode n = spec.params().get(name);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isNumber()) {
            throw new IllegalArgumentException(path + ".params." + name + ": must be a number, got " + n);
        }
        return n.asDouble();
    }

    /** A required numeric parameter. */
    public double requireDoubleParam(String name) {
        if (!spec.params().has(name)) {
            throw new IllegalArgumentException(path + ".params." + name + ": required for type "
                    + spec.type() + ", missing");
        }
        return doubleParam(name, Double.NaN);
    }

    /** A text parameter, or {@code fallback}. */
    public String textParam(String name, String fallback) {
        JsonNode n = spec.params().get(name);
        return n == null || n.isNull() ? fallback : n.asText();
    }

    /** The raw parameter node, or null. */
    public JsonNode param(String name) {
        return spec.params().get(name);
    }

    /**
     * The single symbolic input signal.
     *
     * @throws IllegalArgumentException when the operator has not exactly one, or it is not symbolic
     */
    public SignalInfo singleSymbolicSignal() {
        if (signals.size() != 1) {
            throw new IllegalArgumentException(path + ".signal: type " + spec.type()
                    + " takes exactly one signal, got " + signals.size());
        }
        SignalInfo s = signals.get(0);
        if (!s.symbolic()) {
            throw new IllegalArgumentException(path + ".signal: type " + spec.type() + " needs a symbolic signal "
                    + "(categorical, or numeric with symbolize), got raw numeric signal '" + s.name() + "'");
        }
        return s;
    }

    /**
     * An integer parameter in {@code min..max}, or {@code fallback} when absent.
     *
     * @throws IllegalArgumentException when it is not an integer in range
     */
    public int intParam(String name, int fallback, int min, int max) {
        JsonNode n = spec.params().get(name);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < min || n.asInt() > max) {
            throw new IllegalArgumentException(path + ".params." + name + ": must be an integer in " + min + ".."
                    + max + ", got " + n);
        }
        return n.asInt();
    }

    /** A boolean parameter, or {@code fallback}. @throws IllegalArgumentException when not a boolean */
    public boolean booleanParam(String name, boolean fallback) {
        JsonNode n = spec.params().get(name);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isBoolean()) {
            throw new IllegalArgumentException(path + ".params." + name + ": must be true or false, got " + n);
        }
        return n.asBoolean();
    }

    /**
     * The input signals, all symbolic, between {@code min} and {@code max} of them.
     *
     * @param roles what each position means, for messages (e.g. {@code [source, target]})
     * @throws IllegalArgumentException on a wrong count or a raw numeric signal
     */
    public List<SignalInfo> symbolicSignals(int min, int max, String roles) {
        if (signals.size() < min || signals.size() > max) {
            throw new IllegalArgumentException(path + ".signals: type " + spec.type() + " takes "
                    + (min == max ? String.valueOf(min) : min + " or " + max) + " signals " + roles + ", got "
                    + signals.size());
        }
        for (SignalInfo s : signals) {
            if (!s.symbolic()) {
                throw new IllegalArgumentException(path + ".signals: type " + spec.type() + " needs symbolic signals "
                        + "(categorical, or numeric with symbolize), got raw numeric signal '" + s.name() + "'");
            }
        }
        return signals;
    }

    /**
     * The single raw numeric input signal.
     *
     * @throws IllegalArgumentException when the operator has not exactly one, or it is symbolic
     */
    public SignalInfo singleNumericSignal() {
        if (signals.size() != 1) {
            throw new IllegalArgumentException(path + ".signal: type " + spec.type()
                    + " takes exactly one signal, got " + signals.size());
        }
        SignalInfo s = signals.get(0);
        if (s.symbolic()) {
            throw new IllegalArgumentException(path + ".signal: type " + spec.type() + " needs a raw numeric signal "
                    + "(numeric without symbolize, or inter-arrival), got symbolic signal '" + s.name() + "'");
        }
        return s;
    }
}
