package io.entroflow.operators.hmm;

import io.entroflow.operators.signal.HmmSampler;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegimeChangeDetectorTest {

    @Test
    void shouldEstablishTheFirstRegimeWithoutCountingAChange() {
        RegimeChangeDetector d = new RegimeChangeDetector(new RegimeChangeRule(0.8, 2, 0));
        assertThat(d.observe(0, 0, 1, 0.9)).isNull();
        assertThat(d.regime()).isEqualTo(-1);
        assertThat(d.observe(1, 10, 1, 0.95)).isNull();
        assertThat(d.regime()).isEqualTo(1);
        assertThat(d.changes()).isZero();
    }

    @Test
    void shouldConfirmAChangeOnlyAfterTheDwellAboveTheThreshold() {
        RegimeChangeDetector d = new RegimeChangeDetector(new RegimeChangeRule(0.8, 3, 0));
        for (int i = 0; i < 3; i++) {
            d.observe(i, i, 0, 0.99);
        }
        assertThat(d.observe(3, 3, 1, 0.9)).isNull();
        assertThat(d.observe(4, 4, 1, 0.7)).isNull(); // below threshold: the dwell restarts
        assertThat(d.observe(5, 5, 1, 0.9)).isNull();
        assertThat(d.observe(6, 6, 1, 0.9)).isNull();
        RegimeChange change = d.observe(7, 7, 1, 0.9);
        assertThat(change).isEqualTo(new RegimeChange(0, 1, 5, 5, 7, 7));
        assertThat(d.regime()).isEqualTo(1);
        assertThat(d.changes()).isEqualTo(1);
    }

    @Test
    void shouldNotFlapWhenTheMostProbableStateFlickers() {
        RegimeChangeDetector d = new RegimeChangeDetector(new RegimeChangeRule(0.6, 2, 0));
        d.observe(0, 0, 0, 0.9);
        d.observe(1, 1, 0, 0.9);
        for (int i = 2; i < 100; i++) {
            assertThat(d.observe(i, i, i % 2, 0.9)).isNull();
        }
        assertThat(d.changes()).isZero();
    }

    @Test
    void shouldRequireTheDwellInEventTime() {
        RegimeChangeDetector d = new RegimeChangeDetector(new RegimeChangeRule(0.5, 1, 1_000));
        d.observe(0, 0, 0, 1);
        d.observe(1, 1_000, 0, 1);
        assertThat(d.observe(2, 2_000, 1, 1)).isNull();
        assertThat(d.observe(3, 2_500, 1, 1)).isNull();
        assertThat(d.observe(4, 3_000, 1, 1)).isEqualTo(new RegimeChange(0, 1, 2, 2_000, 4, 3_000));
    }

    @Test
    void shouldNameTheBadRuleParameter() {
        assertThatThrownBy(() -> new RegimeChangeRule(0, 1, 0)).hasMessage("threshold: expected a probability in (0, 1], got 0.0");
        assertThatThrownBy(() -> new RegimeChangeRule(0.5, 0, 0)).hasMessage("dwellEvents: expected >= 1, got 0");
        assertThatThrownBy(() -> new RegimeChangeRule(0.5, 1, -1)).hasMessage("dwellMillis: expected >= 0, got -1");
    }

    @Test
    void shouldCountAboutAsManyRegimeChangesAsTheSampledSequenceHasLongSegments() {
        HmmModel model = Models.gaussian(new double[] {0, 4}, new double[] {1, 1}, 0.995);
        HmmSampler.Sample sample = new HmmSampler(model, 12).sample(40_000);
        int trueChanges = 0;
        for (int t = 1; t < sample.length(); t++) {
            if (sample.states()[t] != sample.states()[t - 1]) {
                trueChanges++;
            }
        }
        HmmFilter filter = new HmmFilter(model, new RegimeChangeRule(0.9, 3, 0));
        for (int t = 0; t < sample.length(); t++) {
            filter.update(t, sample.observations()[t]);
        }
        assertThat((double) filter.regimeChanges()).isBetween(0.9 * trueChanges, 1.05 * trueChanges);
        assertThat(filter.snapshot().regimeChanges()).isEqualTo(filter.regimeChanges());
    }
}
