package io.entroflow.topology.route;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One inhibition rule with Alertmanager's semantics: a <em>target</em> alert is muted while some
 * firing <em>source</em> alert matches {@link #source()}, the target matches {@link #target()}, and
 * both have equal values of every {@link #equal()} label (a label missing in both counts as equal,
 * both being {@code ""}). An alert matching both sides is never muted by a source that also matches
 * both sides (so such an alert does not inhibit itself, nor its peers); Alertmanager's
 * {@code excludeTwoSidedMatch}. Immutable; O(firing alerts) per check.
 *
 * @param source matchers of the inhibiting alerts
 * @param target matchers of the inhibited alerts
 * @param equal  labels that must be equal
 */
public record Inhibition(LabelMatchers source, LabelMatchers target, List<String> equal) {
    public Inhibition {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        equal = List.copyOf(equal);
    }

    /** True when this rule mutes the alert {@code target} given the currently {@code firing} alerts' labels. */
    public boolean mutes(Map<String, String> target, Iterable<Map<String, String>> firing) {
        if (!this.target.matches(target)) {
            return false;
        }
        boolean twoSided = source.matches(target);
        for (Map<String, String> s : firing) {
            if (source.matches(s) && equalLabels(s, target) && !(twoSided && this.target.matches(s))) {
                return true;
            }
        }
        return false;
    }

    /** True when some rule of {@code rules} mutes {@code target}. */
    public static boolean anyMutes(List<Inhibition> rules, Map<String, String> target,
                                   Iterable<Map<String, String>> firing) {
        for (Inhibition r : rules) {
            if (r.mutes(target, firing)) {
                return true;
            }
        }
        return false;
    }

    private boolean equalLabels(Map<String, String> a, Map<String, String> b) {
        for (String l : equal) {
            if (!a.getOrDefault(l, "").equals(b.getOrDefault(l, ""))) {
                return false;
            }
        }
        return true;
    }
}
