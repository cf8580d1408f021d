package io.entroflow.operators.hmm;

import io.entroflow.operators.signal.HmmSampler;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class OnlineEmHmmTest {

    @Test
    void shouldConvergeToTheParametersOfAStationaryGaussianHmm() {
        HmmModel truth = Models.gaussian(new double[] {-1, 2}, new double[] {1, 0.5}, 0.95);
        double[] x = new HmmSampler(truth, 21).sample(50_000).observations();
        OnlineEmHmm em = new OnlineEmHmm(OnlineEmConfig.of(2, EmissionType.GAUSSIAN, 0));
        for (int t = 0; t < x.length; t++) {
            double v = x[t];
            em.update(t, v);
        }
        GaussianEmission e = (GaussianEmission) em.model().emission();
        int low = e.mean(0) < e.mean(1) ? 0 : 1;
        assertThat(e.mean(low)).isCloseTo(-1, within(0.1));
        assertThat(e.mean(1 - low)).isCloseTo(2, within(0.1 * Math.sqrt(0.5)));
        assertThat(e.variance(low)).isCloseTo(1, within(0.1));
        assertThat(em.model().transition(low, low)).isCloseTo(0.95, within(0.02));
        assertThat(em.events()).isEqualTo(50_000);
    }

    @Test
    void shouldFollowSlowlyDriftingMeansWithAStepSizeFloor() {
        SplittableRandom random = new SplittableRandom(3);
        OnlineEmHmm adaptive = new OnlineEmHmm(OnlineEmConfig.of(2, EmissionType.GAUSSIAN, 0).withMinStep(0.003));
        // step 1/n: the plain running average of all the past, which cannot follow the drift
        OnlineEmHmm converging = new OnlineEmHmm(new OnlineEmConfig(2, EmissionType.GAUSSIAN, 0, 200, 1.0, 0, 50, 42));
        int n = 100_000;
        int state = 0;
        double drift = 0;
        for (int t = 0; t < n; t++) {
            if (random.nextDouble() < 0.02) {
                state = 1 - state;
            }
            drift = 3.0 * t / n; // both means move up by 3 over the stream
            double x = drift + (state == 0 ? 0 : 4) + 0.7 * random.nextGaussian();
            adaptive.update(t, x);
            converging.update(t, x);
        }
        double[] followed = sortedMeans(adaptive);
        assertThat(followed[0]).isCloseTo(drift, within(0.25));
        assertThat(followed[1]).isCloseTo(drift + 4, within(0.25));
        double[] stale = sortedMeans(converging);
        assertThat(Math.abs(stale[0] - drift)).isGreaterThan(1.0);
    }

    @Test
    void shouldLearnACategoricalHmmOnline() {
        HmmModel truth = new HmmModel(new double[] {0.5, 0.5}, new double[][] {{0.97, 0.03}, {0.03, 0.97}},
                new CategoricalEmission(new double[][] {{0.8, 0.15, 0.05}, {0.05, 0.15, 0.8}}));
        double[] x = new HmmSampler(truth, 2).sample(60_000).observations();
        OnlineEmHmm em = new OnlineEmHmm(OnlineEmConfig.of(2, EmissionType.CATEGORICAL, 3));
        for (int t = 0; t < x.length; t++) {
            double v = x[t];
            em.update(t, v);
        }
        CategoricalEmission e = (CategoricalEmission) em.model().emission();
        int first = e.probability(0, 0) > e.probability(1, 0) ? 0 : 1;
        assertThat(e.probability(first, 0)).isCloseTo(0.8, within(0.05));
        assertThat(e.probability(1 - first, 2)).isCloseTo(0.8, within(0.05));
    }

    @Test
    void shouldBufferTheWarmUpAndRefuseAModelBeforeIt() {
        OnlineEmHmm em = new OnlineEmHmm(OnlineEmConfig.of(2, EmissionType.GAUSSIAN, 0));
        em.update(0, 1);
        assertThat(em.ready()).isFalse();
        assertThat(em.posterior()[0]).isNaN();
        assertThatThrownBy(em::model).isInstanceOf(IllegalStateException.class).hasMessageContaining("1 of 200");
        assertThatThrownBy(() -> new OnlineEmConfig(2, EmissionType.GAUSSIAN, 0, 200, 0.4, 0, 50, 1))
                .hasMessage("stepExponent: expected a number in (0.5, 1], got 0.4");
    }

    @Test
    void shouldKeepTheFilterOfTheOnlineModelNormalised() {
        HmmModel truth = Models.gaussian(new double[] {0, 1, 3}, new double[] {1, 1, 1}, 0.9);
        double[] x = new HmmSampler(truth, 6).sample(5_000).observations();
        OnlineEmHmm em = new OnlineEmHmm(OnlineEmConfig.of(3, EmissionType.AR1, 0));
        for (int t = 0; t < x.length; t++) {
            double v = x[t];
            em.update(t, v);
            if (em.ready()) {
                assertThat(Arrays.stream(em.posterior()).sum()).isCloseTo(1, within(1e-12));
                assertThat(em.surprise()).isFinite();
            }
        }
        assertThat(em.logLikelihood()).isFinite();
    }

    @Test
    void shouldReportTheWarmUpWindowThroughTheStartingModelsFilterUntilTheFirstMStep() {
        HmmModel truth = Models.gaussian(new double[] {-1, 2}, new double[] {1, 0.5}, 0.95);
        double[] x = new HmmSampler(truth, 8).sample(600).observations();
        OnlineEmConfig config = OnlineEmConfig.of(2, EmissionType.GAUSSIAN, 0);
        OnlineEmHmm em = new OnlineEmHmm(config);
        List<double[]> rows = new ArrayList<>(); // index, posterior(0), surprise, loglik, expected, state
        for (int t = 0; t < x.length; t++) {
            int before = rows.size();
            em.update(t, x[t], step -> rows.add(new double[] {step.index(), step.posterior(0), step.surprise(),
                    step.logLikelihood(), step.predictiveEntropy(), step.state()}));
            assertThat(rows.size() - before).isEqualTo(t < config.warmUp() - 1 ? 0 : t == config.warmUp() - 1 ? config.warmUp() : 1);
        }
        assertThat(rows).hasSize(x.length);
        HmmModel start = InitialModels.fromSample(Arrays.copyOf(x, config.warmUp()), 2, EmissionType.GAUSSIAN, 0,
                new SplittableRandom(config.seed()), true);
        HmmFilter fixed = new HmmFilter(start);
        boolean adapted = false;
        for (int t = 0; t < x.length; t++) {
            HmmStep step = fixed.update(t, x[t]);
            double[] row = rows.get(t);
            assertThat(row[0]).isEqualTo(t);
            if (t <= config.mStepDelay()) { // parameters in force: still the starting model
                assertThat(row[1]).isCloseTo(step.posterior(0), within(1e-12));
                assertThat(row[2]).isCloseTo(step.surprise(), within(1e-12));
                assertThat(row[3]).isCloseTo(step.logLikelihood(), within(1e-10));
                assertThat(row[4]).isCloseTo(step.predictiveEntropy(), within(1e-12));
                assertThat((int) row[5]).isEqualTo(step.state());
            } else {
                adapted |= Math.abs(row[2] - step.surprise()) > 1e-9;
            }
        }
        assertThat(adapted).as("the rows after the first M-step use the adapted parameters").isTrue();
        assertThat(rows.get(x.length - 1)[3]).isEqualTo(em.logLikelihood());
    }

    @Test
    void shouldFilterEachEventWithTheParametersInForceBeforeItsMStep() {
        HmmModel start = Models.gaussian(new double[] {0, 3}, new double[] {1, 1}, 0.9);
        double[] x = new HmmSampler(start, 9).sample(300).observations();
        OnlineEmHmm em = OnlineEmHmm.startingFrom(start, new OnlineEmConfig(2, EmissionType.GAUSSIAN, 0, 2, 0.6, 0, 0, 1));
        for (int t = 0; t < x.length; t++) {
            HmmModel inForce = t == 0 ? start : em.model();
            double[] before = t == 0 ? null : em.posterior();
            double[] seen = new double[2];
            em.update(t, x[t], step -> {
                seen[0] = step.surprise();
                seen[1] = step.posterior(1);
            });
            // one filter step from the previous posterior with the model in force at this event
            double[] prior = before == null ? inForce.initial() : new double[2];
            if (before != null) {
                for (int i = 0; i < 2; i++) {
                    for (int j = 0; j < 2; j++) {
                        prior[j] += before[i] * inForce.transition(i, j);
                    }
                }
            }
            double p0 = prior[0] * Math.exp(inForce.emission().logDensity(0, x[t], 0));
            double p1 = prior[1] * Math.exp(inForce.emission().logDensity(1, x[t], 0));
            assertThat(seen[0]).isCloseTo(-Math.log(p0 + p1), within(1e-9));
            assertThat(seen[1]).isCloseTo(p1 / (p0 + p1), within(1e-12));
        }
    }

    @Test
    void shouldReturnTheSurpriseAsLocalValueAndSnapshotTheSameState() {
        HmmModel truth = Models.gaussian(new double[] {-1, 2}, new double[] {1, 0.5}, 0.95);
        double[] x = new HmmSampler(truth, 4).sample(400).observations();
        OnlineEmHmm em = new OnlineEmHmm(new OnlineEmConfig(2, EmissionType.GAUSSIAN, 0, 50, 0.6, 0, 10, 1));
        assertThat(em.snapshot().ready()).isFalse();
        assertThat(em.snapshot().posterior()).containsOnly(Double.NaN);
        List<Long> times = new ArrayList<>();
        for (int t = 0; t < x.length; t++) {
            double local = em.update(1000L + t, x[t], step -> times.add(step.time()));
            if (t < 49) {
                assertThat(local).isNaN();
                assertThat(times).isEmpty();
            } else {
                assertThat(local).isEqualTo(em.surprise());
                assertThat(times.get(times.size() - 1)).isEqualTo(1000L + t);
            }
        }
        assertThat(times).hasSize(x.length).first().isEqualTo(1000L); // the warm-up replayed with its own times
        OnlineEmSnapshot snapshot = em.snapshot();
        assertThat(snapshot.ready()).isTrue();
        assertThat(snapshot.events()).isEqualTo(em.events());
        assertThat(snapshot.time()).isEqualTo(1000L + x.length - 1);
        assertThat(snapshot.posterior()).containsExactly(em.posterior());
        assertThat(snapshot.lastSurprise()).isEqualTo(em.surprise());
        assertThat(snapshot.logLikelihood()).isEqualTo(em.logLikelihood());
        assertThat(snapshot.model().transitionFlat()).containsExactly(em.model().transitionFlat());
        assertThat(snapshot.model().emission()).isSameAs(em.model().emission());
    }

    private static double[] sortedMeans(OnlineEmHmm em) {
        double[] m = ((GaussianEmission) em.model().emission()).means();
        Arrays.sort(m);
        return m;
    }
}
