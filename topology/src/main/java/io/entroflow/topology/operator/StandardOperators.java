package io.entroflow.topology.operator;

import io.entroflow.operators.entropy.EntropyMeasure;
import io.entroflow.operators.markov.HistoryInformationMeasure;

import static io.entroflow.topology.measure.MeasureCatalogue.byName;

/**
 * The registration lines: one factory per measure of the
 * {@link io.entroflow.topology.measure.MeasureCatalogue} (which holds the names, aliases and
 * parameters). To add an operator from the library, add its measure to the catalogue, write its
 * {@link OperatorFactory} (see {@link EntropyFamilyFactory}) and add one line here.
 */
public final class StandardOperators {
    private StandardOperators() {
    }

    /** Registers every standard operator type in {@code registry}. */
    public static void registerAll(OperatorRegistry registry) {
        registry.register(byName("entropy"), new EntropyFamilyFactory(
                c -> c.params().flag("miller-madow") ? EntropyMeasure.millerMadow() : EntropyMeasure.shannon()));
        registry.register(byName("renyi"), new EntropyFamilyFactory(c -> EntropyMeasure.renyi(c.params().number("alpha"))));
        registry.register(byName("tsallis"), new EntropyFamilyFactory(c -> EntropyMeasure.tsallis(c.params().number("q"))));
        registry.register(byName("gini-simpson"), new EntropyFamilyFactory(c -> EntropyMeasure.giniSimpson()));
        registry.register(byName("normalized-entropy"), new EntropyFamilyFactory(c -> EntropyMeasure.normalized(
                c.params().integer("alphabet") > 0 ? c.params().integer("alphabet")
                        : c.singleSymbolicSignal().alphabetSize())));
        registry.register(byName("divergence"), new DivergenceFactory());
        registry.register(byName("mutual-info"), PairMeasureFactory.mutualInformation());
        registry.register(byName("normalized-mutual-info"), PairMeasureFactory.normalizedMutualInformation());
        registry.register(byName("conditional-entropy"), PairMeasureFactory.conditionalEntropy());
        registry.register(byName("entropic-distance"), PairMeasureFactory.entropicDistance());
        registry.register(byName("transfer-entropy"), new TransferEntropyFactory(false));
        registry.register(byName("conditional-transfer-entropy"), new TransferEntropyFactory(true));
        registry.register(byName("entropy-rate"), new HistoryInformationFactory(HistoryInformationMeasure.ENTROPY_RATE));
        registry.register(byName("active-info"),
                new HistoryInformationFactory(HistoryInformationMeasure.ACTIVE_INFORMATION));
        registry.register(byName("markov"), new MarkovFactory());
        registry.register(byName("permutation-entropy"), new OrdinalFactory(false));
        registry.register(byName("complexity"), new OrdinalFactory(true));
        registry.register(byName("hmm"), new HmmFactory());
    }
}
