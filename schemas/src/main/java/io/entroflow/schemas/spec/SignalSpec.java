package io.entroflow.schemas.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * A named signal derived from each event.
 *
 * @param name          signal name, referenced by operators
 * @param kind          {@code categorical} (a field's string value), {@code numeric} (a field's number) or
 *                      {@code inter-arrival} (milliseconds since this key's previous event) or
 *                      {@code joint} (the combined symbol of the earlier symbolic signals listed in {@code of})
 * @param field         JSON pointer of the field (categorical, numeric)
 * @param values        categorical: the fixed alphabet, in symbol order; absent = symbols assigned per key
 *                      in order of first appearance
 * @param maxCategories categorical without {@code values}: alphabet bound (default 256); a further new
 *                      category is dead-lettered with reason {@code out_of_range}
 * @param symbolize     numeric and inter-arrival: how to turn the number into a symbol; absent = the raw number
 * @param of            joint: the constituent signals, each symbolic with a fixed alphabet
 * @param topic         categorical and numeric: the input topic whose events carry the field (absent: every
 *                      input topic)
 */
public record SignalSpec(String name, String kind, String field, List<String> values,
                         @JsonProperty("max-categories") Integer maxCategories, SymbolizeSpec symbolize,
                         List<String> of, String topic) {
    public SignalSpec {
        values = values == null ? null : List.copyOf(values);
        of = of == null ? null : List.copyOf(of);
    }

    /**
     * A symboliser for a numeric signal.
     *
     * @param method    {@code bins} (fixed-width bins over [min, max), out-of-range values clamp to the end bins)
     *                  or {@code ordinal} (ordinal pattern of the last {@code dimension} values, {@code delay} apart)
     * @param bins      bins: number of bins
     * @param min       bins: lower edge
     * @param max       bins: upper edge
     * @param dimension ordinal: embedding dimension 2..10
     * @param delay     ordinal: delay in events (default 1)
     */
    public record SymbolizeSpec(String method, Integer bins, Double min, Double max, Integer dimension, Integer delay) {
    }
}
