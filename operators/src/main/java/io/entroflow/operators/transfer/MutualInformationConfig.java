package io.entroflow.operators.transfer;

import io.entroflow.operators.InformationUnit;
import io.entroflow.operators.internal.joint.JointCodeLayout;
import io.entroflow.operators.window.Window;

import java.util.Objects;

/**
 * Configuration of a {@link MutualInformationOperator}: immutable, validated.
 *
 * @param window            which events count
 * @param unit              bits or nats
 * @param measure           the measure of {@code value()} and of the local values
 * @param alphabetX         X symbols are 0..alphabetX&minus;1, 1..2<sup>30</sup>
 * @param alphabetY         Y symbols are 0..alphabetY&minus;1, 1..2<sup>30</sup>
 * @param conditionAlphabet Z symbols are 0..conditionAlphabet&minus;1; 0 for no condition
 */
public record MutualInformationConfig(Window window, InformationUnit unit, PairMeasure measure, int alphabetX,
                                      int alphabetY, int conditionAlphabet) {
    public MutualInformationConfig {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(measure, "measure");
        if (conditionAlphabet < 0) {
            throw new IllegalArgumentException("conditionAlphabet: must be >= 0 (0: no condition), got " + conditionAlphabet);
        }
        layoutOf(alphabetX, alphabetY, conditionAlphabet);
    }

    /** Unconditional mutual information of X and Y. */
    public static MutualInformationConfig of(Window window, InformationUnit unit, int alphabetX, int alphabetY) {
        return new MutualInformationConfig(window, unit, PairMeasure.MUTUAL_INFORMATION, alphabetX, alphabetY, 0);
    }

    /** The same configuration over another window. */
    public MutualInformationConfig withWindow(Window other) {
        return new MutualInformationConfig(other, unit, measure, alphabetX, alphabetY, conditionAlphabet);
    }

    /** Whether a condition stream is configured. */
    public boolean conditioned() {
        return conditionAlphabet > 0;
    }

    /** df of the chi-square null of I(X;Y|Z), from the declared alphabets. */
    public double degreesOfFreedom() {
        return io.entroflow.operators.significance.ChiSquareTest.mutualInformationDf(alphabetX, alphabetY,
                Math.max(1, conditionAlphabet));
    }

    static JointCodeLayout layoutOf(int alphabetX, int alphabetY, int conditionAlphabet) {
        return new JointCodeLayout(new String[] {"alphabetX", "alphabetY", "conditionAlphabet"},
                new int[] {alphabetX, alphabetY, Math.max(1, conditionAlphabet)},
                new int[] {1, 1, conditionAlphabet > 0 ? 1 : 0});
    }
}
