package io.entroflow.operators.markov;

import io.entroflow.operators.InformationUnit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MarkovChainEstimateTest {

    @Test
    void shouldFindTheStationaryDistributionAndEntropyRateOfAKnownChain() {
        MarkovChainEstimate chain = MarkovChainEstimate.fromCounts(new double[][] {{90, 10}, {30, 70}}, 0);
        assertThat(chain.transitionMatrix()[0]).containsExactly(0.9, 0.1);
        assertThat(chain.stationaryDistribution()[0]).isCloseTo(0.75, within(1e-12));
        double h = 0.75 * h2(0.1) + 0.25 * h2(0.3);
        assertThat(chain.entropyRate(InformationUnit.BITS)).isCloseTo(h, within(1e-12));
        assertThat(chain.entropyProduction(InformationUnit.BITS)).isCloseTo(0.0, within(1e-12)); // two states: always reversible
    }

    @Test
    void shouldGiveZeroEntropyProductionForAReversibleChain() {
        // symmetric counts: detailed balance with the uniform distribution
        MarkovChainEstimate chain = MarkovChainEstimate.fromCounts(
                new double[][] {{2, 5, 1}, {5, 3, 4}, {1, 4, 6}}, 0);
        assertThat(chain.entropyProduction(InformationUnit.NATS)).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void shouldGivePositiveEntropyProductionForADrivenCycle() {
        double p = 0.8;
        MarkovChainEstimate chain = MarkovChainEstimate.fromCounts(
                new double[][] {{0, p, 1 - p}, {1 - p, 0, p}, {p, 1 - p, 0}}, 0);
        // uniform stationary distribution; each pair contributes (p - q)/3 * ln(p/q)
        double expected = 3 * ((p - (1 - p)) / 3) * Math.log(p / (1 - p));
        assertThat(chain.stationaryDistribution()[1]).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(chain.entropyProduction(InformationUnit.NATS)).isCloseTo(expected, within(1e-12));
        assertThat(MarkovChainEstimate.fromCounts(new double[][] {{0, 1, 0}, {0, 0, 1}, {1, 0, 0}}, 0)
                .entropyProduction(InformationUnit.BITS)).isInfinite();
    }

    @Test
    void shouldRejectBadCountsNamingTheEntry() {
        assertThatThrownBy(() -> MarkovChainEstimate.fromCounts(new double[][] {{1, -1}, {0, 1}}, 0))
                .hasMessage("counts[0][1]: must be finite and >= 0, got -1.0");
        assertThatThrownBy(() -> MarkovChainEstimate.fromCounts(new double[][] {{1, 1}, {0, 1}}, -0.5))
                .hasMessage("pseudoCount: must be finite and >= 0, got -0.5");
    }

    private static double h2(double p) {
        return -(p * Math.log(p) + (1 - p) * Math.log(1 - p)) / Math.log(2);
    }
}
