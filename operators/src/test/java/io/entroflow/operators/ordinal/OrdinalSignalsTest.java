package io.entroflow.operators.ordinal;

import io.entroflow.operators.InformationUnit;
import io.entroflow.operators.RejectedEventException;
import io.entroflow.operators.signal.LogisticMap;
import io.entroflow.operators.signal.NoiseSource;
import io.entroflow.operators.signal.SumOfSines;
import io.entroflow.operators.window.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

/** Known values: published references and signals whose ordinal structure is known. */
class OrdinalSignalsTest {

    @Test
    void shouldMatchOrdpyPermutationEntropyOfTheShortReferenceSeries() {
        PermutationEntropyOperator op = new PermutationEntropyOperator(OrdinalConfig.of(Window.cumulative(), 2, 1));
        for (double x : new double[] {4, 7, 9, 10, 6, 11, 3}) {
            op.update(0, x);
        }
        assertThat(op.value()).isCloseTo(0.9182958, within(5e-8));
        assertThat(op.entropy()).isCloseTo(0.9182958, within(5e-8)); // d=2: log2(2!) = 1 bit
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 5, 7})
    void shouldReturnZeroForAMonotoneRamp(int d) {
        PermutationEntropyOperator op = new PermutationEntropyOperator(OrdinalConfig.of(Window.count(500), d, 2));
        for (int i = 0; i < 2000; i++) {
            op.update(i, 3.0 * i - 7);
        }
        assertThat(op.value()).isZero();
        StatisticalComplexityOperator sc = new StatisticalComplexityOperator(OrdinalConfig.of(Window.count(500), d, 2));
        for (int i = 0; i < 2000; i++) {
            sc.update(i, -0.5 * i);
        }
        assertThat(sc.snapshot().entropy()).isZero();
        assertThat(sc.snapshot().region()).isEqualTo(OrdinalRegion.REGULAR);
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 5, 6})
    void shouldPutWhiteNoiseNearOneAndInTheStochasticRegion(int d) {
        StatisticalComplexityOperator op = operator(d, new NoiseSource(NoiseSource.Colour.WHITE, 2.5, 11).values(30_000));
        ComplexitySnapshot s = op.snapshot();
        assertThat(s.entropy()).isGreaterThan(0.99);
        assertThat(s.complexity()).isLessThan(0.02);
        assertThat(s.region()).isEqualTo(OrdinalRegion.STOCHASTIC);
        assertThat(s.forbidden()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 5, 6, 7})
    void shouldCallASineSampledWellAboveItsFrequencyRegular(int d) {
        StatisticalComplexityOperator op = operator(d, SumOfSines.sine(0.01).values(20_000));
        ComplexitySnapshot s = op.snapshot();
        assertThat(s.region()).isEqualTo(OrdinalRegion.REGULAR);
        assertThat(s.entropy()).isLessThan(0.5);
    }

    @Test
    void shouldFindTheFallingTripleForbiddenInTheLogisticMapAtDimensionThree() {
        ComplexitySnapshot s = operator(3, new LogisticMap(4, 0.1234).values(20_000)).snapshot();
        assertThat(s.forbiddenLabels()).containsExactly("[2,1,0]");
        assertThat(s.forbidden()).containsExactly(5); // index d!-1: strictly decreasing
        assertThat(s.expectedForbiddenWhiteNoise()).isLessThan(1e-100);
        assertThat(s.region()).isEqualTo(OrdinalRegion.COMPLEX);
        assertThat(s.entropy()).isCloseTo(0.8314455, within(0.005)); // ordpy's reference distribution
        assertThat(s.complexity()).isCloseTo(0.1657672, within(0.005));
    }

    @Test
    void shouldFindMoreForbiddenPatternsAtLargerDimensionsWithHighComplexity() {
        double[] xs = new LogisticMap(4, 0.377).values(50_000);
        // forbidden patterns of the r = 4 logistic map (5, 12, 31, 75 allowed): the same counts on six
        // orbits of 2*10^7 values each, so none of them is a pattern a short orbit merely misses
        int[] known = {0, 0, 0, 1, 12, 89, 645};
        int previous = 0;
        for (int d = 3; d <= 6; d++) {
            ComplexitySnapshot s = operator(d, xs).snapshot();
            assertThat(s.forbidden().size()).as("d=%d", d).isGreaterThan(previous).isEqualTo(known[d]);
            assertThat(s.region()).as("d=%d", d).isEqualTo(OrdinalRegion.COMPLEX);
            assertThat(s.complexity()).as("close to the maximum curve at d=%d", d)
                    .isGreaterThan(s.minimumComplexity() + 0.8 * (s.maximumComplexity() - s.minimumComplexity()));
            previous = s.forbidden().size();
        }
        assertThat(operator(6, xs).snapshot().complexity()).isGreaterThan(0.45);
        assertThat(operator(7, xs).snapshot().forbidden()).hasSize(4862); // 178 of 5040 allowed, likewise
    }

    @Test
    void shouldNotDependOnTheMarginalDistributionOfAnIidStream() {
        SplittableRandom random = new SplittableRandom(3);
        double[] uniform = new double[20_000];
        double[] exponential = new double[uniform.length];
        double[] cubed = new double[uniform.length];
        for (int i = 0; i < uniform.length; i++) {
            uniform[i] = random.nextDouble();
            exponential[i] = -Math.log1p(-uniform[i]);
            cubed[i] = Math.pow(uniform[i] - 0.5, 3);
        }
        double pe = operator(5, uniform).snapshot().entropy();
        // a strictly increasing transform keeps every pattern, hence the value, exactly
        assertThat(operator(5, exponential).snapshot().entropy()).isEqualTo(pe);
        assertThat(operator(5, cubed).snapshot().entropy()).isEqualTo(pe);
        // an independent Gaussian stream: same value up to sampling error
        double gaussian = operator(5, new NoiseSource(NoiseSource.Colour.WHITE, 1, 8).values(20_000)).snapshot().entropy();
        assertThat(gaussian).isCloseTo(pe, within(0.003));
    }

    @Test
    void shouldMissSlightlyFewerPatternsInShortWhiteNoiseWindowsThanTheIndependenceApproximation() {
        // overlapping patterns are not independent draws: simulated means are 12 % below N(1 - 1/N)^M at
        // d = 4, M = 2N, and within 1 % of it at d = 6 (see ForbiddenPatterns)
        assertThat(ForbiddenPatterns.expectedMissingInWhiteNoise(24, 48)).isCloseTo(24 * Math.pow(23.0 / 24, 48), within(1e-12));
        double d4 = meanMissingInWhiteNoise(4, 48, 4000);
        double expected4 = ForbiddenPatterns.expectedMissingInWhiteNoise(24, 48);
        assertThat(d4).isLessThan(expected4).isGreaterThan(0.8 * expected4);
        double d6 = meanMissingInWhiteNoise(6, 1440, 400);
        assertThat(d6).isCloseTo(ForbiddenPatterns.expectedMissingInWhiteNoise(720, 1440), withinPercentage(3));
    }

    private static double meanMissingInWhiteNoise(int d, int patterns, int trials) {
        NoiseSource noise = new NoiseSource(NoiseSource.Colour.WHITE, 1, 99);
        double total = 0;
        for (int t = 0; t < trials; t++) {
            total += operator(d, noise.values(patterns + d - 1)).forbiddenCount();
        }
        return total / trials;
    }

    @Test
    void shouldWeighFlatNoisyStretchesLessInWeightedPermutationEntropy() {
        // a sine with tiny noise on its flat tops: plain PE counts the noise patterns fully
        SplittableRandom random = new SplittableRandom(2);
        OrdinalConfig plain = OrdinalConfig.of(Window.count(5000), 4, 1);
        PermutationEntropyOperator pe = new PermutationEntropyOperator(plain);
        PermutationEntropyOperator wpe = new PermutationEntropyOperator(plain.withWeighted(true));
        for (int i = 0; i < 10_000; i++) {
            double x = Math.max(-0.5, Math.min(0.5, Math.sin(2 * Math.PI * i / 200.0))) + 1e-4 * random.nextDouble();
            pe.update(i, x);
            wpe.update(i, x);
        }
        assertThat(wpe.value()).isLessThan(pe.value() - 0.1);
        assertThat(wpe.snapshot().weighted()).isTrue();
    }

    @Test
    void shouldRejectLateAndNonFiniteValuesWithoutChangingState() {
        OrdinalConfig config = new OrdinalConfig(Window.time(Duration.ofSeconds(10), Duration.ofMillis(100)), 3, 1,
                false, InformationUnit.BITS);
        PermutationEntropyOperator op = new PermutationEntropyOperator(config);
        for (int i = 0; i < 50; i++) {
            op.update(i * 1000L, Math.sin(i));
        }
        PermutationEntropySnapshot before = op.snapshot();
        assertThatThrownBy(() -> op.update(10_000, 1.0))
                .isInstanceOf(RejectedEventException.class)
                .satisfies(e -> assertThat(((RejectedEventException) e).reason()).isEqualTo(RejectedEventException.Reason.LATE));
        assertThatThrownBy(() -> op.update(60_000, Double.NaN))
                .isInstanceOf(RejectedEventException.class).hasMessageContaining("value").hasMessageContaining("NaN");
        assertThat(op.snapshot()).isEqualTo(before);
        // the pattern sequence continues as if the refused values never came
        PermutationEntropyOperator twin = new PermutationEntropyOperator(config);
        for (int i = 0; i < 50; i++) {
            twin.update(i * 1000L, Math.sin(i));
        }
        assertThat(op.update(50_000, 0.3)).isEqualTo(twin.update(50_000, 0.3));
        assertThat(op.value()).isEqualTo(twin.value());
    }

    @Test
    void shouldReturnNaNUntilTheFirstPatternIsComplete() {
        PermutationEntropyOperator op = new PermutationEntropyOperator(OrdinalConfig.of(Window.count(10), 4, 2));
        for (int i = 0; i < 6; i++) {
            assertThat(op.update(i, i)).isNaN();
            assertThat(op.value()).isNaN();
        }
        assertThat(op.update(6, 6)).isZero();
        assertThat(op.value()).isZero();
    }

    private static StatisticalComplexityOperator operator(int d, double[] xs) {
        StatisticalComplexityOperator op = new StatisticalComplexityOperator(OrdinalConfig.of(Window.cumulative(), d, 1));
        for (int i = 0; i < xs.length; i++) {
            op.update(i, xs[i]);
        }
        return op;
    }
}
