package io.entroflow.topology.route;

import io.entroflow.topology.alert.Fingerprints;

import java.util.Map;
import java.util.TreeMap;

/**
 * The labels of an entroflow alert (set by {@code AlertEvaluator} on every alert record), which
 * matchers, {@code group_by} and inhibition {@code equal} refer to:
 * <table>
 * <caption>alert labels</caption>
 * <tr><th>label</th><th>value</th></tr>
 * <tr><td>{@code alertname}</td><td>the rule's name (Alertmanager's conventional name label)</td></tr>
 * <tr><td>{@code rule}</td><td>the rule's name</td></tr>
 * <tr><td>{@code monitor}</td><td>the spec's monitor name</td></tr>
 * <tr><td>{@code key}</td><td>the stream key (the alerting entity, e.g. a service)</td></tr>
 * <tr><td>{@code operator}</td><td>the operator the rule watches</td></tr>
 * <tr><td>{@code severity}</td><td>the rule's severity ({@code warning} by default)</td></tr>
 * </table>
 * An alert's identity is its <b>fingerprint</b> ({@link #fingerprint}): Prometheus'
 * {@code model.LabelSet.Fingerprint}, FNV-1a 64 over the labels sorted by name, each name and value
 * followed by the byte 0xFF, printed as 16 hex digits; Alertmanager identifies alerts by the same
 * hash, so equal label sets have equal fingerprints in both.
 */
public final class AlertLabels {
    public static final String ALERTNAME = "alertname";
    public static final String RULE = "rule";
    public static final String MONITOR = "monitor";
    public static final String KEY = "key";
    public static final String OPERATOR = "operator";
    public static final String SEVERITY = "severity";

    private AlertLabels() {
    }

    /** The fingerprint of a label set (16 hex digits). O(labels · log labels + bytes). */
    public static String fingerprint(Map<String, String> labels) {
        return Fingerprints.of(labels);
    }

    /**
     * A label set written as equality matchers, e.g. {@code rule=entropy-low,key=svc-a} or
     * {@code {rule="entropy-low",key="svc-a"}} (the matcher syntax, quoting and escaping included).
     *
     * @throws IllegalArgumentException one line, on syntax errors or an operator other than {@code =}
     *                                  or a label given twice
     */
    public static Map<String, String> parse(String text) {
        Map<String, String> labels = new TreeMap<>();
        for (LabelMatcher m : LabelMatchers.parse(text).matchers()) {
            if (m.type() != MatchType.EQUAL) {
                throw new IllegalArgumentException("labels: expected name=value pairs, got '" + m + "'");
            }
            if (labels.put(m.name(), m.value()) != null) {
                throw new IllegalArgumentException("labels: label '" + m.name() + "' given twice in '" + text + "'");
            }
        }
        return labels;
    }
}
