package io.entroflow.operators.ordinal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ComplexityEntropyPlaneTest {

    @Test
    void shouldMatchOrdpyForTheLogisticMapPatternDistribution() {
        // ordpy reference (REFERENCES.md): logistic map r=4, d=3
        double[] p = {1.0 / 3, 1.0 / 15, 4.0 / 15, 2.0 / 15, 1.0 / 5, 0};
        PlanePoint point = ComplexityEntropyPlane.point(p);
        assertThat(point.entropy()).isCloseTo(0.8314455, within(5e-8));
        assertThat(point.complexity()).isCloseTo(0.1657672, within(5e-8));
        assertThat(ComplexityEntropyPlane.normalizedEntropy(p)).isCloseTo(0.8314455, within(5e-8));
    }

    @Test
    void shouldGiveZeroComplexityForASinglePatternAndForTheUniformDistribution() {
        PlanePoint single = ComplexityEntropyPlane.point(new double[] {0, 0, 7, 0, 0, 0});
        assertThat(single.entropy()).isZero();
        assertThat(single.complexity()).isZero();
        PlanePoint uniform = ComplexityEntropyPlane.point(new double[] {2, 2, 2, 2, 2, 2});
        assertThat(uniform.entropy()).isCloseTo(1.0, within(1e-12));
        assertThat(uniform.complexity()).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void shouldNormaliseTheJensenShannonDivergenceSoADeltaHasDisequilibriumOne() {
        int n = 24;
        // J[delta, Pe] = S[(delta+Pe)/2] - 0 - ln(n)/2, written out
        double a = (1 + 1.0 / n) / 2;
        double b = 0.5 / n;
        double js = -(a * Math.log(a) + (n - 1) * b * Math.log(b)) - Math.log(n) / 2;
        assertThat(ComplexityEntropyPlane.normalisation(n) * js).isCloseTo(1.0, within(1e-12));
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 5, 6})
    void shouldKeepTheMinimumCurveBelowTheMaximumCurve(int d) {
        int n = BatchOrdinal.factorial(d);
        for (double h = 0.02; h < 1; h += 0.02) {
            double low = ComplexityEntropyPlane.minimumComplexity(h, n);
            double high = ComplexityEntropyPlane.maximumComplexity(h, n);
            assertThat(low).as("H=%s", h).isLessThanOrEqualTo(high + 1e-12);
            assertThat(low).isGreaterThanOrEqualTo(0);
        }
        List<PlanePoint> min = ComplexityEntropyPlane.minimumCurve(d, 50);
        assertThat(min.get(0).entropy()).isZero();
        assertThat(min.get(min.size() - 1).entropy()).isCloseTo(1.0, within(1e-12));
        List<PlanePoint> max = ComplexityEntropyPlane.maximumCurve(d, 10);
        assertThat(max).hasSize((n - 1) * 10);
        for (PlanePoint p : max) {
            assertThat(p.complexity()).isCloseTo(ComplexityEntropyPlane.maximumComplexity(p.entropy(), n), within(1e-9));
        }
    }

    @Test
    void shouldBoundEveryDistributionBetweenTheCurves() {
        java.util.Random random = new java.util.Random(5);
        for (int trial = 0; trial < 300; trial++) {
            double[] w = new double[24];
            for (int i = 0; i < w.length; i++) {
                w[i] = random.nextInt(3) == 0 ? 0 : Math.pow(random.nextDouble(), 1 + 4 * random.nextDouble());
            }
            PlanePoint p = ComplexityEntropyPlane.point(w);
            if (Double.isNaN(p.entropy())) {
                continue;
            }
            assertThat(p.complexity()).isLessThanOrEqualTo(ComplexityEntropyPlane.maximumComplexity(p.entropy(), 24) + 1e-9);
            assertThat(p.complexity()).isGreaterThanOrEqualTo(ComplexityEntropyPlane.minimumComplexity(p.entropy(), 24) - 1e-9);
        }
    }

    @Test
    void shouldClassifyByTheDocumentedBoundaries() {
        assertThat(ComplexityEntropyPlane.classify(0.2, 0.1, 720)).isEqualTo(OrdinalRegion.REGULAR);
        assertThat(ComplexityEntropyPlane.classify(0.95, 0.05, 720)).isEqualTo(OrdinalRegion.STOCHASTIC);
        double h = 0.6;
        double high = ComplexityEntropyPlane.maximumComplexity(h, 720);
        double low = ComplexityEntropyPlane.minimumComplexity(h, 720);
        assertThat(ComplexityEntropyPlane.classify(h, high, 720)).isEqualTo(OrdinalRegion.COMPLEX);
        assertThat(ComplexityEntropyPlane.classify(h, low, 720)).isEqualTo(OrdinalRegion.STOCHASTIC);
    }

    @Test
    void shouldNameTheBadValue() {
        assertThatThrownBy(() -> ComplexityEntropyPlane.classify(1.5, 0, 6))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.5");
        assertThatThrownBy(() -> ComplexityEntropyPlane.point(new double[] {1, -1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1.0");
        assertThatThrownBy(() -> new OrdinalConfig(io.entroflow.operators.window.Window.count(10), 8, 1, false,
                io.entroflow.operators.InformationUnit.BITS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension").hasMessageContaining("8");
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 6, 24, 120, 720, 5040})
    void bisectionsStoppedAtTheirFixedPointGiveTheBitsOfAllHundredSteps(int n) {
        java.util.Random r = new java.util.Random(n);
        for (int i = 0; i <= 2_000; i++) {
            double h = i <= 1_000 ? i / 1_000.0 : r.nextDouble();
            assertThat(Double.doubleToRawLongBits(ComplexityEntropyPlane.minimumComplexity(h, n, true))).as("min h=" + h)
                    .isEqualTo(Double.doubleToRawLongBits(ComplexityEntropyPlane.minimumComplexity(h, n, false)));
            assertThat(Double.doubleToRawLongBits(ComplexityEntropyPlane.maximumComplexity(h, n, true))).as("max h=" + h)
                    .isEqualTo(Double.doubleToRawLongBits(ComplexityEntropyPlane.maximumComplexity(h, n, false)));
            double c = r.nextDouble() * 0.5;
            assertThat(ComplexityEntropyPlane.classify(h, c, n, ComplexityEntropyPlane.minimumComplexity(h, n),
                    ComplexityEntropyPlane.maximumComplexity(h, n))).isEqualTo(ComplexityEntropyPlane.classify(h, c, n));
        }
    }
}
