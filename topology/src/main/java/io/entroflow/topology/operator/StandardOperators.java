package io.entroflow.topology.operator;

import io.entroflow.operators.entropy.EntropyMeasure;
import io.entroflow.operators.markov.HistoryInformationMeasure;

/**
 * The registration lines: one per spec operator {@code type}. To add an operator from the library,
 * write its {@link OperatorFactory} (see {@link EntropyFamilyFactory}) and add one line here.
 */
public final class StandardOperators {
    private StandardOperators() {
    }

    /** Registers every standard operator type in {@code registry}. */
    public static void registerAll(OperatorRegistry registry) {
        registry.register("entropy", new EntropyFamilyFactory(c -> c.spec().params().has("miller-madow")
                && c.spec().params().get("miller-madow").asBoolean() ? EntropyMeasure.millerMadow() : EntropyMeasure.shannon()));
        registry.register("renyi", new EntropyFamilyFactory(c -> EntropyMeasure.renyi(c.requireDoubleParam("alpha"))));
        registry.register("tsallis", new EntropyFamilyFactory(c -> EntropyMeasure.tsallis(c.requireDoubleParam("q"))));
        registry.register("gini-simpson", new EntropyFamilyFactory(c -> EntropyMeasure.giniSimpson()));
        registry.register("normalized-entropy", new EntropyFamilyFactory(
                c -> EntropyMeasure.normalized(c.singleSymbolicSignal().alphabetSize())));
        registry.register("divergence", new DivergenceFactory());
        registry.register("mutual-info", PairMeasureFactory.mutualInformation());
        registry.register("normalized-mutual-info", PairMeasureFactory.normalizedMutualInformation());
        registry.register("conditional-entropy", PairMeasureFactory.conditionalEntropy());
        registry.register("entropic-distance", PairMeasureFactory.entropicDistance());
        registry.register("transfer-entropy", new TransferEntropyFactory(false));
        registry.register("conditional-transfer-entropy", new TransferEntropyFactory(true));
        registry.register("entropy-rate", new HistoryInformationFactory(HistoryInformationMeasure.ENTROPY_RATE));
        registry.register("active-info", new HistoryInformationFactory(HistoryInformationMeasure.ACTIVE_INFORMATION));
        registry.register("permutation-entropy", new OrdinalFactory(false));
        registry.register("complexity", new OrdinalFactory(true));
        registry.register("hmm", new HmmFactory());
    }
}
