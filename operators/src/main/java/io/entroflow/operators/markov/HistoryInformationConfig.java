package io.entroflow.operators.markov;

import io.entroflow.operators.InformationUnit;
import io.entroflow.operators.internal.joint.JointCodeLayout;
import io.entroflow.operators.window.Window;

import java.util.Objects;

/**
 * Configuration of a {@link HistoryInformationOperator}: immutable, validated.
 *
 * @param window   which samples count
 * @param unit     bits or nats
 * @param measure  the value reported by {@code value()} and {@code update}
 * @param alphabet symbols are 0..alphabet&minus;1, 1..2<sup>30</sup>
 * @param k        history length, 1..64 with (k+1)&middot;ceil(log<sub>2</sub> alphabet) &le; 62
 */
public record HistoryInformationConfig(Window window, InformationUnit unit, HistoryInformationMeasure measure,
                                       int alphabet, int k) {
    public HistoryInformationConfig {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(measure, "measure");
        if (k < 1 || k > 64) {
            throw new IllegalArgumentException("k: history length must be 1..64, got " + k);
        }
        layout(alphabet, k);
    }

    static JointCodeLayout layout(int alphabet, int k) {
        return new JointCodeLayout(new String[] {"alphabet", "k"}, new int[] {alphabet, alphabet}, new int[] {1, k});
    }
}
