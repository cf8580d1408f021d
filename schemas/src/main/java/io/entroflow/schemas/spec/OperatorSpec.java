package io.entroflow.schemas.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.List;

/**
 * One operator instance.
 *
 * @param name    operator name, unique in the monitor; referenced by rules
 * @param type    registered operator type, e.g. {@code entropy}, {@code renyi}, {@code divergence}
 * @param signal  the input signal (single-signal operators)
 * @param signals the input signals, in the order the operator expects (multi-signal operators)
 * @param window  the window
 * @param base    {@code 2} (bits, default) or {@code e} (nats)
 * @param params  operator-specific parameters, checked by the operator's factory
 */
public record OperatorSpec(String name, String type, String signal, List<String> signals, WindowSpec window,
                           String base, JsonNode params) {
    public OperatorSpec {
        base = base == null ? "2" : base;
        params = params == null ? JsonNodeFactory.instance.objectNode() : params;
        signals = signals != null ? List.copyOf(signals) : signal != null ? List.of(signal) : List.of();
    }
}
