package io.entroflow.operators.hmm;

import io.entroflow.operators.RejectedEventException;
import io.entroflow.operators.signal.HmmSampler;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class HmmFilterTest {

    @Test
    void shouldReproduceHmmlearnUmbrellaPosteriorsAndLikelihood() {
        HmmFilter filter = new HmmFilter(Models.umbrella());
        double[] umbrella = {0, 0, 1, 0, 0};
        double[] expectedRain = {0.8182, 0.8834, 0.1907, 0.7308, 0.8673};
        for (int t = 0; t < umbrella.length; t++) {
            HmmStep step = filter.update(t, umbrella[t]);
            assertThat(step.posterior(0)).as("P(rain) at %d", t).isCloseTo(expectedRain[t], within(5e-5));
        }
        assertThat(filter.logLikelihood()).isCloseTo(-3.372502, within(5e-7));
    }

    @Test
    void shouldEqualLogSpaceForwardPassOnLongSampledSequences() {
        Random r = new Random(7);
        for (EmissionType type : EmissionType.values()) {
            HmmModel model = Models.random(r, 4, type, 5);
            double[] x = new HmmSampler(model, 11).sample(20_000).observations();
            HmmFilter filter = new HmmFilter(model);
            for (int t = 0; t < x.length; t++) {
                filter.update(t, x[t]);
            }
            double expected = ReferenceHmm.logSpaceForward(model, x);
            assertThat(filter.logLikelihood()).as(type.label())
                    .isCloseTo(expected, within(1e-9 * Math.abs(expected)));
        }
    }

    @Test
    void shouldKeepPosteriorSummingToOneOverMillionsOfEvents() {
        HmmModel model = Models.gaussian(new double[] {-1, 0, 1.5}, new double[] {1, 0.5, 2}, 0.98);
        HmmSampler.Sample sample = new HmmSampler(model, 3).sample(100_000);
        HmmFilter filter = new HmmFilter(model);
        double worst = 0;
        for (int rep = 0; rep < 20; rep++) {
            double[] x = sample.observations();
            for (int t = 0; t < x.length; t++) {
                HmmStep step = filter.update(t, x[t]);
                double s = step.posterior(0) + step.posterior(1) + step.posterior(2);
                worst = Math.max(worst, Math.abs(s - 1));
            }
        }
        assertThat(filter.events()).isEqualTo(2_000_000);
        assertThat(worst).isLessThanOrEqualTo(1e-12);
        assertThat(filter.logLikelihood()).isFinite();
    }

    @Test
    void shouldNotUnderflowOnAFarOutlier() {
        HmmModel model = Models.gaussian(new double[] {0, 1}, new double[] {1, 1}, 0.9);
        HmmFilter filter = new HmmFilter(model);
        HmmStep step = filter.update(0, 1e6);
        assertThat(step.impossible()).isFalse();
        assertThat(step.posterior(1)).isEqualTo(1.0);
        assertThat(step.surprise()).isFinite().isGreaterThan(1e11);
    }

    @Test
    void shouldReportAnImpossibleEventAndRecoverFromThePrior() {
        HmmModel model = new HmmModel(new double[] {1, 0}, new double[][] {{0.9, 0.1}, {0.1, 0.9}},
                new CategoricalEmission(new double[][] {{0.5, 0.5, 0}, {0.5, 0.5, 0}}));
        HmmFilter filter = new HmmFilter(model);
        filter.update(0, 0);
        double before = filter.logLikelihood();
        HmmStep step = filter.update(1, 2);
        assertThat(step.impossible()).isTrue();
        assertThat(step.surprise()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(step.logLikelihood()).isEqualTo(before);
        assertThat(step.posterior()).containsExactly(new double[] {0.9, 0.1}, within(1e-15));
        step = filter.update(2, 1);
        assertThat(step.impossible()).isFalse();
        assertThat(step.surprise()).isCloseTo(Math.log(2), within(1e-12));
        assertThat(filter.snapshot().impossibleEvents()).isEqualTo(1);
    }

    @Test
    void shouldRejectSymbolsOutsideTheAlphabetAndLeaveTheFilterUnchanged() {
        HmmFilter filter = new HmmFilter(Models.umbrella());
        filter.update(0, 0);
        assertThatThrownBy(() -> filter.update(1, 2)).isInstanceOf(RejectedEventException.class)
                .hasMessageContaining("value").hasMessageContaining("2.0");
        assertThatThrownBy(() -> filter.update(1, 0.5)).isInstanceOf(RejectedEventException.class);
        assertThatThrownBy(() -> filter.update(1, Double.NaN)).isInstanceOf(RejectedEventException.class)
                .satisfies(e -> assertThat(((RejectedEventException) e).reason()).isEqualTo(RejectedEventException.Reason.NOT_FINITE));
        assertThat(filter.events()).isEqualTo(1);
    }

    @Test
    void shouldGiveExpectedSurpriseEqualToTheCategoricalPredictiveEntropy() {
        HmmFilter filter = new HmmFilter(Models.umbrella());
        HmmStep step = filter.update(0, 0);
        // predictive of the first event: P(U) = .5*.9 + .5*.2 = .55
        double h = -(0.55 * Math.log(0.55) + 0.45 * Math.log(0.45));
        assertThat(step.predictiveEntropy()).isCloseTo(h, within(1e-12));
        assertThat(step.surprise()).isCloseTo(-Math.log(0.55), within(1e-12));
        assertThat(step.excessSurprise()).isCloseTo(-Math.log(0.55) - h, within(1e-12));
    }

    @Test
    void shouldGiveTheGaussianDifferentialEntropyForASingleComponentPrediction() {
        HmmModel model = new HmmModel(new double[] {1, 0}, new double[][] {{1, 0}, {0, 1}},
                new GaussianEmission(new double[] {2, -3}, new double[] {4, 1}));
        HmmStep step = new HmmFilter(model).update(0, 0);
        assertThat(step.predictiveEntropy()).isCloseTo(0.5 * Math.log(2 * Math.PI * Math.E * 4), within(1e-12));
    }

    @Test
    void shouldMatchTheAverageSurpriseWithTheAveragePredictiveEntropyUnderTheTrueModel() {
        HmmModel model = Models.gaussian(new double[] {-2, 2}, new double[] {1, 1}, 0.95);
        double[] x = new HmmSampler(model, 5).sample(20_000).observations();
        HmmFilter filter = new HmmFilter(model);
        double excess = 0;
        for (int t = 0; t < x.length; t++) {
            excess += filter.update(t, x[t]).excessSurprise();
        }
        assertThat(excess / x.length).isCloseTo(0, within(0.03));
    }

    @Test
    void shouldPredictTheNextStateThroughTheTransitionMatrix() {
        HmmFilter filter = new HmmFilter(Models.umbrella());
        HmmStep step = filter.update(0, 0);
        double p = step.posterior(0);
        assertThat(step.predicted(0)).isCloseTo(p * 0.7 + (1 - p) * 0.3, within(1e-15));
        HmmSnapshot snapshot = filter.snapshot();
        assertThat(snapshot.predicted()[0]).isEqualTo(step.predicted(0));
        assertThat(snapshot.state()).isEqualTo(0);
        assertThat(snapshot.events()).isEqualTo(1);
        assertThat(snapshot.posteriorEntropy()).isCloseTo(step.posteriorEntropy(), within(1e-15));
    }

    @Test
    void shouldFollowTheTrueStateOfASampledSequenceAndCatchUpWithinAFewEventsOfASwitch() {
        HmmModel model = Models.gaussian(new double[] {0, 3, 6}, new double[] {1, 1, 1}, 0.98);
        HmmSampler.Sample sample = new HmmSampler(model, 17).sample(50_000);
        int[] truth = sample.states();
        int[] filtered = new int[truth.length];
        double[] truePosterior = new double[truth.length];
        HmmFilter filter = new HmmFilter(model);
        int correct = 0;
        for (int t = 0; t < truth.length; t++) {
            HmmStep step = filter.update(t, sample.observations()[t]);
            filtered[t] = step.state();
            truePosterior[t] = step.posterior(truth[t]);
            correct += filtered[t] == truth[t] ? 1 : 0;
        }
        double accuracy = correct / (double) truth.length;
        StringBuilder report = new StringBuilder(String.format("HMM filter: most probable state = true state on %.4f of events;", accuracy));
        double[] atLag = new double[4];
        for (int lag = 0; lag < atLag.length; lag++) {
            int switches = 0;
            int hits = 0;
            double posterior = 0;
            for (int t = 1; t + lag < truth.length; t++) {
                boolean held = true;
                for (int l = 1; l <= lag; l++) {
                    held &= truth[t + l] == truth[t];
                }
                if (truth[t] != truth[t - 1] && held) {
                    switches++;
                    hits += filtered[t + lag] == truth[t] ? 1 : 0;
                    posterior += truePosterior[t + lag];
                }
            }
            atLag[lag] = hits / (double) switches;
            report.append(String.format(" %d events after a switch (%d): %.3f correct, mean posterior of the true state %.3f;",
                    lag, switches, atLag[lag], posterior / switches));
        }
        System.out.println(report);
        assertThat(accuracy).isGreaterThan(0.97);
        assertThat(atLag[0]).isGreaterThan(0.3);
        assertThat(atLag[3]).isGreaterThan(0.9);
    }
}
