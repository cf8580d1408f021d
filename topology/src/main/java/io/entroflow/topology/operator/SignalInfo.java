package io.entroflow.topology.operator;

/**
 * What an operator needs to know about one input signal.
 *
 * @param name         signal name
 * @param symbolic     true: inputs are symbol ids 0..alphabetSize&minus;1; false: raw numbers as double bits
 * @param alphabetSize number of symbols (symbolic signals), else 0
 * @param labels       the symbols' labels when fixed by the spec (categorical {@code values}), else null
 */
public record SignalInfo(String name, boolean symbolic, int alphabetSize, java.util.List<String> labels) {
}
