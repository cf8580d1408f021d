package io.entroflow.operators.signal;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SignalGeneratorsTest {

    @Test
    void shouldRepeatExactlyForTheSameSeedAndDifferForAnother() {
        assertThat(new NoiseSource(NoiseSource.Colour.PINK, 1, 5).values(1000))
                .containsExactly(new NoiseSource(NoiseSource.Colour.PINK, 1, 5).values(1000));
        assertThat(new Ar1Process(0.5, 1, 5).values(100)).isNotEqualTo(new Ar1Process(0.5, 1, 6).values(100));
        assertThat(new CategoricalSource(new double[] {0.2, 0.8}, 1).symbols(500))
                .containsExactly(new CategoricalSource(new double[] {0.2, 0.8}, 1).symbols(500));
    }

    @Test
    void shouldDrawCategoricalSymbolsWithTheGivenProbabilities() {
        double[] p = {0.5, 0.3, 0.0, 0.2};
        int[] counts = new int[4];
        for (int s : new CategoricalSource(p, 7).symbols(200_000)) {
            counts[s]++;
        }
        for (int i = 0; i < p.length; i++) {
            assertThat(counts[i] / 200_000.0).isCloseTo(p[i], within(0.005));
        }
        assertThat(counts[2]).isZero();
    }

    @Test
    void shouldStartTheMarkovChainStationaryAndFollowItsTransitions() {
        double[][] matrix = {{0.9, 0.1}, {0.4, 0.6}};
        MarkovChainSource chain = new MarkovChainSource(matrix, 3);
        assertThat(chain.stationaryDistribution()).containsExactly(new double[] {0.8, 0.2}, within(1e-12));
        double h = -(0.8 * (0.9 * Math.log(0.9) + 0.1 * Math.log(0.1)) + 0.2 * (0.4 * Math.log(0.4) + 0.6 * Math.log(0.6)))
                / Math.log(2);
        assertThat(chain.entropyRateBits()).isCloseTo(h, within(1e-12));
        int[] xs = chain.symbols(200_000);
        int[][] pairs = new int[2][2];
        for (int i = 1; i < xs.length; i++) {
            pairs[xs[i - 1]][xs[i]]++;
        }
        assertThat(pairs[0][1] / (double) (pairs[0][0] + pairs[0][1])).isCloseTo(0.1, within(0.005));
        assertThat(pairs[1][0] / (double) (pairs[1][0] + pairs[1][1])).isCloseTo(0.4, within(0.01));
        // first symbols over many seeds follow the stationary law
        int ones = 0;
        for (int seed = 0; seed < 4000; seed++) {
            ones += new MarkovChainSource(matrix, seed).nextSymbol();
        }
        assertThat(ones / 4000.0).isCloseTo(0.2, within(0.02));
    }

    @Test
    void shouldCoupleThePairOnlyFromTheSwitchWithTheGivenFlipProbability() {
        CoupledPairSource pair = new CoupledPairSource(2, 2, 0.1, 50_000, 4);
        assertThat(pair.columns()).containsExactly("x", "y", "coupled");
        double[][] rows = new double[100_000][3];
        for (double[] row : rows) {
            pair.next(row);
        }
        int agreeBefore = 0;
        int agreeAfter = 0;
        for (int t = 2; t < rows.length; t++) {
            boolean agree = rows[t][0] == rows[t - 2][1];
            if (t < 50_000) {
                agreeBefore += agree ? 1 : 0;
                assertThat(rows[t][2]).isZero();
            } else {
                agreeAfter += agree ? 1 : 0;
                assertThat(rows[t][2]).isOne();
            }
        }
        assertThat(agreeBefore / 49_998.0).isCloseTo(0.5, within(0.01));
        assertThat(agreeAfter / 50_000.0).isCloseTo(0.9, within(0.005));
        double h2 = -(0.1 * Math.log(0.1) + 0.9 * Math.log(0.9)) / Math.log(2);
        assertThat(pair.transferEntropyBits()).isCloseTo(1 - h2, within(1e-12));
        assertThat(new CoupledPairSource(4, 1, 0, 0, 1).transferEntropyBits()).isCloseTo(2.0, within(1e-12));
    }

    @Test
    void shouldIterateTheLogisticMapToItsFixedPointBelowThreeAndStayInTheUnitIntervalAtFour() {
        double[] xs = new LogisticMap(2.5, 0.1).values(200);
        assertThat(xs[0]).isEqualTo(0.1);
        assertThat(xs[1]).isCloseTo(2.5 * 0.1 * 0.9, within(1e-15));
        assertThat(xs[199]).isCloseTo(1 - 1 / 2.5, within(1e-12));
        for (double x : new LogisticMap(4, 0.3).values(10_000)) {
            assertThat(x).isBetween(0.0, 1.0);
        }
    }

    @Test
    void shouldIterateTheHenonMap() {
        HenonMap map = new HenonMap(1.4, 0.3, 0, 0);
        double[] row = new double[2];
        map.next(row);
        assertThat(row).containsExactly(0, 0);
        map.next(row);
        assertThat(row).containsExactly(1, 0);
        map.next(row);
        assertThat(row).containsExactly(new double[] {-0.4, 0.3}, within(1e-15));
        for (int i = 0; i < 10_000; i++) {
            map.next(row);
            assertThat(Math.abs(row[0])).isLessThan(1.5);
        }
    }

    @Test
    void shouldIntegrateLorenzToFourthOrderAccuracy() {
        // at t = 1; larger steps are pre-asymptotic (chaos amplifies the local errors unevenly)
        double[] a = endPoint(ContinuousFlow.lorenz(10, 28, 8.0 / 3, 0.005, 200, 1, 1, 1));
        double[] b = endPoint(ContinuousFlow.lorenz(10, 28, 8.0 / 3, 0.0025, 400, 1, 1, 1));
        double[] exact = endPoint(ContinuousFlow.lorenz(10, 28, 8.0 / 3, 0.0002, 5000, 1, 1, 1));
        double coarse = distance(a, exact);
        double fine = distance(b, exact);
        assertThat(fine).isLessThan(1e-6);
        assertThat(coarse / fine).isBetween(12.0, 20.0); // halving dt cuts the error 2^4 = 16x
    }

    @Test
    void shouldStayOnTheLorenzAndRosslerAttractors() {
        ContinuousFlow lorenz = ContinuousFlow.lorenz(10, 28, 8.0 / 3, 0.01, 5, 1, 1, 1);
        ContinuousFlow rossler = ContinuousFlow.rossler(0.2, 0.2, 5.7, 0.05, 2, 1, 1, 1);
        double[] row = new double[3];
        double zSum = 0;
        for (int i = 0; i < 40_000; i++) {
            lorenz.next(row);
            if (i >= 1000) {
                zSum += row[2];
            }
            assertThat(Math.abs(row[0])).isLessThan(30);
        }
        assertThat(zSum / 39_000).isCloseTo(23.5, within(1.0));
        double zMax = 0;
        for (int i = 0; i < 20_000; i++) {
            rossler.next(row);
            assertThat(Math.abs(row[0])).isLessThan(15);
            zMax = Math.max(zMax, row[2]);
        }
        assertThat(zMax).isGreaterThan(5); // the characteristic z spikes
        assertThat(lorenz.columns()).containsExactly("x", "y", "z");
    }

    @Test
    void shouldSumSines() {
        assertThat(SumOfSines.sine(0.25).values(5)).containsExactly(new double[] {0, 1, 0, -1, 0}, within(1e-12));
        SumOfSines two = new SumOfSines(new double[] {0.25, 0.5}, new double[] {2, 1}, new double[] {0, Math.PI / 2});
        assertThat(two.values(3)).containsExactly(new double[] {1, 1, 1}, within(1e-12));
    }

    @Test
    void shouldGiveWhitePinkAndBrownNoiseTheirSpectralSlopes() {
        assertThat(spectralSlope(new NoiseSource(NoiseSource.Colour.WHITE, 1, 1).values(1 << 16))).isCloseTo(0, within(0.2));
        assertThat(spectralSlope(new NoiseSource(NoiseSource.Colour.PINK, 1, 1).values(1 << 16))).isCloseTo(-1, within(0.25));
        assertThat(spectralSlope(new NoiseSource(NoiseSource.Colour.BROWN, 1, 1).values(1 << 16))).isCloseTo(-2, within(0.3));
        double[] white = new NoiseSource(NoiseSource.Colour.WHITE, 3, 2).values(100_000);
        assertThat(Arrays.stream(white).average().orElseThrow()).isCloseTo(0, within(0.05));
        assertThat(variance(white)).isCloseTo(9, within(0.15));
    }

    @Test
    void shouldGiveAr1ItsAutocorrelationAndStationaryVariance() {
        double[] xs = new Ar1Process(0.7, 2, 9).values(200_000);
        double v = variance(xs);
        assertThat(v).isCloseTo(4 / (1 - 0.49), within(0.15));
        double lag1 = 0;
        for (int i = 1; i < xs.length; i++) {
            lag1 += xs[i] * xs[i - 1];
        }
        assertThat(lag1 / (xs.length - 1) / v).isCloseTo(0.7, within(0.01));
    }

    @Test
    void shouldNameTheBadParameter() {
        assertThatThrownBy(() -> new LogisticMap(4.5, 0.2)).hasMessageContaining("r").hasMessageContaining("4.5");
        assertThatThrownBy(() -> new CategoricalSource(new double[] {0.5, 0.6}, 1)).hasMessage("probabilities: probabilities must sum to 1, got 1.1");
        assertThatThrownBy(() -> new Ar1Process(1, 1, 1)).hasMessageContaining("phi");
        assertThatThrownBy(() -> new MarkovChainSource(new double[][] {{1, 0}, {0, 1}}, 1))
                .hasMessageContaining("stationary");
        assertThatThrownBy(() -> new CoupledPairSource(2, 1, 1.5, 0, 1)).hasMessageContaining("flip").hasMessageContaining("1.5");
        assertThatThrownBy(() -> SumOfSines.sine(0.7)).hasMessageContaining("0.7");
        assertThatThrownBy(() -> ContinuousFlow.lorenz(10, 28, 8.0 / 3, -1, 1, 1, 1, 1)).hasMessageContaining("dt");
    }

    private static double distance(double[] a, double[] b) {
        return Math.sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) + (a[2] - b[2]) * (a[2] - b[2]));
    }

    private static double[] endPoint(ContinuousFlow flow) {
        double[] row = new double[3];
        flow.next(row);
        flow.next(row); // state after stride steps: t = 1
        return row;
    }

    /** Least-squares slope of log power against log frequency, Welch-averaged over 32 segments. */
    private static double spectralSlope(double[] xs) {
        int segment = 2048;
        int[] bins = {4, 8, 16, 32, 64, 128, 256, 512};
        double[] power = new double[bins.length];
        for (int start = 0; start + segment <= xs.length; start += segment) {
            double mean = 0;
            for (int i = 0; i < segment; i++) {
                mean += xs[start + i] / segment;
            }
            for (int b = 0; b < bins.length; b++) {
                double re = 0;
                double im = 0;
                for (int i = 0; i < segment; i++) {
                    double window = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / segment);
                    double angle = 2 * Math.PI * bins[b] * i / segment;
                    re += window * (xs[start + i] - mean) * Math.cos(angle);
                    im += window * (xs[start + i] - mean) * Math.sin(angle);
                }
                power[b] += re * re + im * im;
            }
        }
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int b = 0; b < bins.length; b++) {
            double x = Math.log(bins[b]);
            double y = Math.log(power[b]);
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        int n = bins.length;
        return (n * sxy - sx * sy) / (n * sxx - sx * sx);
    }

    private static double variance(double[] xs) {
        double mean = Arrays.stream(xs).average().orElseThrow();
        double s = 0;
        for (double x : xs) {
            s += (x - mean) * (x - mean);
        }
        return s / xs.length;
    }
}
