package io.entroflow.operators.markov;

/** Which own-history measure a {@link HistoryInformationOperator} returns as its value and local value. */
public enum HistoryInformationMeasure {
    /** Entropy rate H(X<sub>t+1</sub> | X<sub>t</sub><sup>(k)</sup>); local value &minus;log p(x<sub>t+1</sub> | past). */
    ENTROPY_RATE("entropy-rate"),
    /** Active information storage I(X<sub>t+1</sub> ; X<sub>t</sub><sup>(k)</sup>); local value log p(x<sub>t+1</sub> | past)/p(x<sub>t+1</sub>). */
    ACTIVE_INFORMATION("active-info");

    private final String label;

    HistoryInformationMeasure(String label) {
        this.label = label;
    }

    /** The wire name, e.g. {@code entropy-rate}. */
    public String label() {
        return label;
    }
}
