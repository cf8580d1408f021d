package io.entroflow.operators.transfer;

import io.entroflow.operators.InformationUnit;
import io.entroflow.operators.internal.joint.JointCodeLayout;
import io.entroflow.operators.window.Window;

import java.util.Objects;

/**
 * Configuration of a {@link TransferEntropyOperator}: immutable, validated.
 *
 * <p>TE<sub>Y&rarr;X</sub> = I(X<sub>t+1</sub> ; Y<sub>t&minus;u+1</sub><sup>(l)</sup> | X<sub>t</sub><sup>(k)</sup> [, Z<sub>t&minus;w+1</sub><sup>(m)</sup>]).
 * The packed joint code holds the next target symbol, k target and l source symbols, and m
 * condition symbols, each in ceil(log<sub>2</sub> alphabet) bits; the total must fit 62 bits
 * (e.g. k, l up to 8 for alphabets up to 8 symbols, k + l + 1 &le; 62 for binary data).
 *
 * @param window            which samples count
 * @param unit              bits or nats
 * @param targetAlphabet    target (X) symbols are 0..targetAlphabet&minus;1, &ge; 1
 * @param sourceAlphabet    source (Y) symbols are 0..sourceAlphabet&minus;1, &ge; 1
 * @param k                 target history length, 0..64 (0: lagged mutual information)
 * @param l                 source history length, 1..64
 * @param delay             source-target delay u &ge; 1: the newest source symbol used is u steps before the predicted one
 * @param conditionAlphabet condition (Z) symbols are 0..conditionAlphabet&minus;1; 0 for no condition
 * @param conditionLength   condition history length m, 0 without a condition, else 1..64
 * @param conditionDelay    condition delay w &ge; 1 (as {@code delay}, for Z)
 */
public record TransferEntropyConfig(Window window, InformationUnit unit, int targetAlphabet, int sourceAlphabet,
                                    int k, int l, int delay, int conditionAlphabet, int conditionLength,
                                    int conditionDelay) {
    public TransferEntropyConfig {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(unit, "unit");
        if (k < 0 || k > 64) {
            throw new IllegalArgumentException("k: target history length must be 0..64, got " + k);
        }
        if (l < 1 || l > 64) {
            throw new IllegalArgumentException("l: source history length must be 1..64, got " + l);
        }
        if (delay < 1 || delay > (1 << 24)) {
            throw new IllegalArgumentException("delay: must be 1..2^24, got " + delay);
        }
        if (conditionDelay < 1 || conditionDelay > (1 << 24)) {
            throw new IllegalArgumentException("conditionDelay: must be 1..2^24, got " + conditionDelay);
        }
        if (conditionAlphabet < 0) {
            throw new IllegalArgumentException("conditionAlphabet: must be >= 0 (0: no condition), got " + conditionAlphabet);
        }
        if ((conditionAlphabet == 0) != (conditionLength == 0) || conditionLength < 0 || conditionLength > 64) {
            throw new IllegalArgumentException("conditionLength: must be 0 without a condition and 1..64 with one, got "
                    + conditionLength + " for conditionAlphabet " + conditionAlphabet);
        }
        layoutOf(targetAlphabet, sourceAlphabet, k, l, conditionAlphabet, conditionLength); // checks the packing
    }

    /** TE Y&rarr;X with target history k, source history l, delay u, no condition. */
    public static TransferEntropyConfig of(Window window, InformationUnit unit, int targetAlphabet, int sourceAlphabet,
                                           int k, int l, int delay) {
        return new TransferEntropyConfig(window, unit, targetAlphabet, sourceAlphabet, k, l, delay, 0, 0, 1);
    }

    /** The same TE conditioned on a third stream with history {@code m} and delay {@code w}. */
    public TransferEntropyConfig withCondition(int alphabet, int m, int w) {
        if (alphabet < 1) {
            throw new IllegalArgumentException("conditionAlphabet: must be >= 1, got " + alphabet);
        }
        return new TransferEntropyConfig(window, unit, targetAlphabet, sourceAlphabet, k, l, delay, alphabet, m, w);
    }

    /** Whether a condition stream is configured. */
    public boolean conditioned() {
        return conditionAlphabet > 0;
    }

    /** Analytic degrees of freedom of the chi-square null, from the declared alphabets. */
    public double degreesOfFreedom() {
        return io.entroflow.operators.significance.ChiSquareTest.transferEntropyDf(targetAlphabet, k, sourceAlphabet, l,
                Math.max(1, conditionAlphabet), conditionLength);
    }

    /** Events before the first sample: the longest history span. */
    public int warmUp() {
        return Math.max(k, Math.max(delay + l - 1, conditioned() ? conditionDelay + conditionLength - 1 : 0));
    }

    /** Field order of the joint code: next, target history, source history, condition history. */
    static JointCodeLayout layoutOf(int targetAlphabet, int sourceAlphabet, int k, int l, int conditionAlphabet, int m) {
        if (targetAlphabet < 1 || targetAlphabet > (1 << 30)) {
            throw new IllegalArgumentException("targetAlphabet: must be 1..2^30, got " + targetAlphabet);
        }
        if (sourceAlphabet < 1 || sourceAlphabet > (1 << 30)) {
            throw new IllegalArgumentException("sourceAlphabet: must be 1..2^30, got " + sourceAlphabet);
        }
        return new JointCodeLayout(new String[] {"targetAlphabet", "k", "l", "conditionLength"},
                new int[] {targetAlphabet, targetAlphabet, sourceAlphabet, Math.max(1, conditionAlphabet)},
                new int[] {1, k, l, m});
    }

    JointCodeLayout layout() {
        return layoutOf(targetAlphabet, sourceAlphabet, k, l, conditionAlphabet, conditionLength);
    }
}
