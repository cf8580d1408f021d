package io.entroflow.operators.signal;

import io.entroflow.operators.hmm.GaussianEmission;
import io.entroflow.operators.hmm.HmmModel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HmmSamplerStreamTest {

    @Test
    void streamingEventsEqualTheBatchSampleOfTheSameSeed() {
        HmmModel model = new HmmModel(new double[] {0.5, 0.5}, new double[][] {{0.9, 0.1}, {0.2, 0.8}},
                new GaussianEmission(new double[] {0, 3}, new double[] {1, 0.5}));
        HmmSampler.Sample batch = new HmmSampler(model, 11).sample(500);
        HmmSampler stream = new HmmSampler(model, 11);
        assertThat(stream.columns()).containsExactly("value", "state");
        double[] row = new double[2];
        for (int t = 0; t < 500; t++) {
            stream.next(row);
            assertThat(row[0]).isEqualTo(batch.observations()[t]);
            assertThat((int) row[1]).isEqualTo(batch.states()[t]);
        }
    }
}
