package io.entroflow.operators.conformal;

/**
 * The decision of an online FDR rule on one p-value.
 *
 * @param index     1-based position of the test in the stream of tests
 * @param pValue    the p-value tested
 * @param level     the test level &alpha;_t spent on it (it is rejected when pValue &le; level)
 * @param rejected  a discovery: raise the alert
 * @param candidate SAFFRON only: pValue &le; &lambda; (a candidate; always false for LORD++)
 */
public record FdrDecision(long index, double pValue, double level, boolean rejected, boolean candidate) {
}
