package io.entroflow.operators.symbol;

import io.entroflow.operators.RejectedEventException;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SymbolizerTest {

    @Test
    void shouldGiveDenseIdsInOrderOfFirstAppearanceAndOverflowPastTheCap() {
        SymbolTable table = new SymbolTable(3);
        assertThat(table.idOf("a")).isZero();
        assertThat(table.idOf("b")).isEqualTo(1);
        assertThat(table.idOf("a")).isZero();
        assertThat(table.idOf(42)).isEqualTo(2);
        assertThat(table.idOf("42")).isEqualTo(3).isEqualTo(table.overflowSymbol());
        assertThat(table.idOf("z")).isEqualTo(3);
        assertThat(table.overflowCount()).isEqualTo(2);
        assertThat(table.distinct()).isEqualTo(3);
        assertThat(table.labelOf(2)).isEqualTo("42");
        assertThat(table.labelOf(3)).isEqualTo(SymbolTable.OVERFLOW_LABEL);
        assertThat(table.alphabetSize()).isEqualTo(4);
    }

    @Test
    void shouldKeepMemoryBoundedUnderAdversarialInput() {
        SymbolTable table = new SymbolTable(100);
        for (int i = 0; i < 100_000; i++) {
            table.idOf("value-" + i);
        }
        assertThat(table.distinct()).isEqualTo(100);
        assertThat(table.overflowCount()).isEqualTo(99_900);
    }

    @Test
    void shouldPlaceValuesOutsideTheRangeInEdgeBinsAndCountThem() {
        FixedWidthBins bins = new FixedWidthBins(0, 10, 5);
        assertThat(bins.symbolize(0)).isZero();
        assertThat(bins.symbolize(1.99)).isZero();
        assertThat(bins.symbolize(2)).isEqualTo(1);
        assertThat(bins.symbolize(9.999)).isEqualTo(4);
        assertThat(bins.symbolize(-3)).isZero();
        assertThat(bins.symbolize(10)).isEqualTo(4);
        assertThat(bins.symbolize(1e9)).isEqualTo(4);
        assertThat(bins.belowRange()).isEqualTo(1);
        assertThat(bins.aboveRange()).isEqualTo(2);
    }

    @Test
    void shouldRejectNanAndInfinitiesWithAReasonAndNotCountThem() {
        FixedWidthBins bins = new FixedWidthBins(0, 1, 2);
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            assertThatThrownBy(() -> bins.symbolize(bad))
                    .isInstanceOfSatisfying(RejectedEventException.class, e -> assertThat(e.reason()).isEqualTo(RejectedEventException.Reason.NOT_FINITE))
                    .hasMessageContaining("value").hasMessageContaining(Double.toString(bad));
        }
        assertThat(bins.aboveRange() + bins.belowRange()).isZero();
        QuantileBins q = new QuantileBins(4);
        assertThatThrownBy(() -> q.symbolize(Double.NaN)).isInstanceOf(RejectedEventException.class);
        OrdinalPatterns o = new OrdinalPatterns(3, 1);
        assertThatThrownBy(() -> o.symbolize(Double.NaN)).isInstanceOf(RejectedEventException.class);
        assertThat(o.symbolize(1)).isEqualTo(NumericSymbolizer.NO_SYMBOL); // the NaN was not kept as history
    }

    @Test
    void shouldMakeQuantileBinsNearlyEquallyFrequent() {
        Random random = new Random(3);
        QuantileBins bins = new QuantileBins(8);
        int[] counts = new int[8];
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            counts[bins.symbolize(Math.exp(random.nextGaussian()))]++; // skewed: log-normal
        }
        for (int c : counts) {
            assertThat(c / (double) n).isBetween(0.115, 0.135);
        }
        assertThat(bins.boundaries()).hasSize(7).isSorted();
        assertThat(bins.boundaries()[3]).isBetween(0.95, 1.05); // median of log-normal(0,1) is 1
    }

    @Test
    void shouldNumberOrdinalPatternsWithTheIncreasingOneFirstAndTheDecreasingOneLast() {
        assertThat(OrdinalPatterns.patternIndex(new double[] {1, 2, 3})).isZero();
        assertThat(OrdinalPatterns.patternIndex(new double[] {3, 2, 1})).isEqualTo(5);
        assertThat(OrdinalPatterns.patternIndex(new double[] {2, 2, 2})).isZero(); // ties: earlier is smaller
        OrdinalPatterns patterns = new OrdinalPatterns(3, 2);
        int[] out = new int[7];
        double[] x = {0, 9, 1, 8, 2, 7, 3};
        for (int i = 0; i < x.length; i++) {
            out[i] = patterns.symbolize(x[i]);
        }
        // lag-2 embedding of 0,1,2,3 (increasing) and 9,8,7 (decreasing)
        assertThat(out).containsExactly(-1, -1, -1, -1, 0, 5, 0);
        assertThat(patterns.alphabetSize()).isEqualTo(6);
    }

    @Test
    void shouldRecoverRanksFromEveryPatternIndex() {
        for (int d = 2; d <= 5; d++) {
            int f = OrdinalPatterns.factorial(d);
            for (int index = 0; index < f; index++) {
                int[] ranks = OrdinalPatterns.ranksOf(index, d);
                double[] v = new double[d];
                for (int i = 0; i < d; i++) {
                    v[i] = ranks[i];
                }
                assertThat(OrdinalPatterns.patternIndex(v)).isEqualTo(index);
            }
        }
    }

    @Test
    void shouldEncodeEveryDimensionUpToTenLikeTheBatchDefinitionIncludingTies() {
        Random random = new Random(7);
        for (int d = 2; d <= 10; d++) {
            for (int tau = 1; tau <= 3; tau++) {
                OrdinalPatterns patterns = new OrdinalPatterns(d, tau);
                int span = (d - 1) * tau;
                double[] x = new double[span + 400];
                for (int t = 0; t < x.length; t++) {
                    x[t] = random.nextInt(6); // few levels: many ties
                }
                for (int t = 0; t < x.length; t++) {
                    int symbol = patterns.symbolize(x[t]);
                    if (t < span) {
                        assertThat(symbol).isEqualTo(NumericSymbolizer.NO_SYMBOL);
                        continue;
                    }
                    double[] v = new double[d];
                    for (int i = 0; i < d; i++) {
                        v[i] = x[t - span + i * tau];
                    }
                    assertThat(symbol).as("d=%d tau=%d t=%d", d, tau, t).isEqualTo(OrdinalPatterns.patternIndex(v));
                }
            }
        }
        assertThatThrownBy(() -> new OrdinalPatterns(11, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dimension");
        assertThatThrownBy(() -> new OrdinalPatterns(3, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tau");
    }
}
