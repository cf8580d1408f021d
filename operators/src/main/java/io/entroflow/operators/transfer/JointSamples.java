package io.entroflow.operators.transfer;

/**
 * The packed joint codes of a batch of samples of I(A;B|C) and the masks of A, B (the part a
 * surrogate test shuffles) and C, as consumed by
 * {@link io.entroflow.operators.significance.SurrogateTest}.
 *
 * @param codes one packed code per sample, in order
 * @param maskA bits of A
 * @param maskB bits of B (source)
 * @param maskC bits of C (0 when unconditioned)
 */
public record JointSamples(long[] codes, long maskA, long maskB, long maskC) {
}
