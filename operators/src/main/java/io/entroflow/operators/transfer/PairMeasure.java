package io.entroflow.operators.transfer;

/**
 * Which two-stream measure a {@link MutualInformationOperator} reports as {@code value()} and as the
 * local value of each event (all of them are in its snapshot). With a condition Z every entropy
 * is conditioned on Z as well.
 */
public enum PairMeasure {
    /** I(X;Y) = H(X) + H(Y) &minus; H(X,Y); local log p(x,y)/(p(x)p(y)). */
    MUTUAL_INFORMATION("mutual-info"),
    /** H(X|Y) = H(X,Y) &minus; H(Y); local &minus;log p(x|y). */
    CONDITIONAL_ENTROPY("conditional-entropy"),
    /** H(X,Y); local &minus;log p(x,y). */
    JOINT_ENTROPY("joint-entropy"),
    /** H(X|Y) + H(Y|X); local &minus;log p(x|y) &minus; log p(y|x). */
    ENTROPIC_DISTANCE("entropic-distance");

    private final String label;

    PairMeasure(String label) {
        this.label = label;
    }

    /** The wire name, e.g. {@code mutual-info}. */
    public String label() {
        return label;
    }
}
