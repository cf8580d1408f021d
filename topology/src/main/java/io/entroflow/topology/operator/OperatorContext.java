package io.entroflow.topology.operator;

import io.entroflow.operators.InformationUnit;
import io.entroflow.operators.window.Window;
import io.entroflow.schemas.spec.OperatorSpec;
import io.entroflow.schemas.spec.SpecPath;
import io.entroflow.schemas.spec.SpecPathException;
import io.entroflow.topology.measure.MeasureParams;

import java.util.List;

/**
 * Everything a factory needs: the spec entry, its validated parameters, its resolved input signals,
 * the window and the unit. Errors a factory finds are {@link SpecPathException}s under {@link #path()}.
 *
 * @param spec    the operator's spec entry
 * @param path    its path in the spec, e.g. {@code operators[2]}
 * @param params  its parameters, validated against the measure catalogue (defaults filled in)
 * @param signals the resolved input signals, in spec order
 * @param window  the window (count, or time with the monitor's lateness)
 * @param unit    bits or nats from {@code base}
 */
public record OperatorContext(OperatorSpec spec, SpecPath path, MeasureParams params, List<SignalInfo> signals,
                              Window window, InformationUnit unit) {
    public OperatorContext {
        signals = List.copyOf(signals);
    }

    /** The measure's canonical name (the spec may use an alias). */
    public String type() {
        return params.measure().name();
    }

    /** The path of parameter {@code name}: {@code operators[i].params.name}. */
    public SpecPath paramPath(String name) {
        return path.field("params").field(name);
    }

    /** An error about parameter {@code name}. */
    public SpecPathException paramError(String name, String reason) {
        return new SpecPathException(paramPath(name), reason);
    }

    /**
     * An error of the operators library about this operator's parameters as a whole, whose message names
     * the parameter it is about ({@code k: 9 symbols of an alphabet of 256 do not fit ...}).
     */
    public SpecPathException paramsError(IllegalArgumentException libraryError) {
        return new SpecPathException(path.field("params"), libraryError.getMessage(), libraryError);
    }

    /**
     * The single symbolic input signal.
     *
     * @throws SpecPathException when the operator has not exactly one, or it is not symbolic
     */
    public SignalInfo singleSymbolicSignal() {
        SignalInfo s = single();
        if (!s.symbolic()) {
            throw new SpecPathException(path.field("signal"), "type " + type() + " needs a symbolic signal "
                    + "(categorical, or numeric with symbolize), got raw numeric signal '" + s.name() + "'");
        }
        return s;
    }

    /**
     * The single raw numeric input signal.
     *
     * @throws SpecPathException when the operator has not exactly one, or it is symbolic
     */
    public SignalInfo singleNumericSignal() {
        SignalInfo s = single();
        if (s.symbolic()) {
            throw new SpecPathException(path.field("signal"), "type " + type() + " needs a raw numeric signal "
                    + "(numeric without symbolize, or inter-arrival), got symbolic signal '" + s.name() + "'");
        }
        return s;
    }

    /** The single input signal, symbolic or not. @throws SpecPathException when there is not exactly one */
    public SignalInfo single() {
        if (signals.size() != 1) {
            throw new SpecPathException(path.field("signal"), "type " + type() + " takes exactly one signal, got "
                    + signals.size());
        }
        return signals.get(0);
    }

    /**
     * The input signals, all symbolic, between {@code min} and {@code max} of them.
     *
     * @param roles what each position means, for messages (e.g. {@code [source, target]})
     * @throws SpecPathException on a wrong count or a raw numeric signal
     */
    public List<SignalInfo> symbolicSignals(int min, int max, String roles) {
        if (signals.size() < min || signals.size() > max) {
            throw new SpecPathException(path.field("signals"), "type " + type() + " takes "
                    + (min == max ? String.valueOf(min) : min + " or " + max) + " signals " + roles + ", got "
                    + signals.size());
        }
        for (SignalInfo s : signals) {
            if (!s.symbolic()) {
                throw new SpecPathException(path.field("signals"), "type " + type() + " needs symbolic signals "
                        + "(categorical, or numeric with symbolize), got raw numeric signal '" + s.name() + "'");
            }
        }
        return signals;
    }
}
