package io.entroflow.app.generate;

import io.entroflow.operators.signal.SignalGenerator;

import java.util.function.Function;

/**
 * One signal {@code entroflow generate} can write: its name, a one-line description with its
 * parameters and defaults, and a factory from parameters to a seeded generator.
 *
 * @param name        the command-line name, e.g. {@code logistic}
 * @param description one line for the listing
 * @param factory     builds the generator; reads every parameter it knows from the {@link SignalParams}
 */
public record SignalKind(String name, String description, Function<SignalParams, SignalGenerator> factory) {
}
