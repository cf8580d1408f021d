package io.entroflow.app.generate;

import io.entroflow.app.files.FileProblems;
import io.entroflow.operators.hmm.Ar1GaussianEmission;
import io.entroflow.operators.hmm.CategoricalEmission;
import io.entroflow.operators.hmm.Emission;
import io.entroflow.operators.hmm.GaussianEmission;
import io.entroflow.operators.hmm.HmmModel;
import io.entroflow.schemas.model.HmmModelJson;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;

/** The hidden Markov model of {@code generate hmm}: from a model file, or from parameters. */
final class HmmSignal {
    private HmmSignal() {
    }

    static HmmModel model(SignalParams p) {
        String file = p.text("model", null);
        if (file != null) {
            try {
                return HmmModelJson.read(Path.of(file));
            } catch (UncheckedIOException e) {
                throw new IllegalArgumentException(FileProblems.unreadable("model", Path.of(file), e.getCause()), e);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("model: " + e.getMessage(), e);
            }
        }
        double[][] transition = p.matrix("transition", new double[][] {{0.99, 0.01}, {0.02, 0.98}});
        int k = transition.length;
        double[] uniform = new double[k];
        Arrays.fill(uniform, 1.0 / k);
        double[] initial = p.numbers("initial", uniform);
        String type = p.text("emission", "gaussian");
        Emission emission = switch (type) {
            case "gaussian" -> new GaussianEmission(p.numbers("means", spread(k)), p.numbers("variances", ones(k)));
            case "ar1" -> new Ar1GaussianEmission(p.numbers("intercepts", spread(k)), p.numbers("coefficients", new double[k]),
                    p.numbers("variances", ones(k)));
            case "categorical" -> new CategoricalEmission(p.matrix("probabilities", diagonalish(k)));
            default -> throw new IllegalArgumentException("emission: expected gaussian, ar1 or categorical, got '" + type + "'");
        };
        return new HmmModel(initial, transition, emission);
    }

    private static double[] spread(int k) {
        double[] m = new double[k];
        for (int i = 0; i < k; i++) {
            m[i] = 3.0 * i;
        }
        return m;
    }

    private static double[] ones(int k) {
        double[] v = new double[k];
        Arrays.fill(v, 1.0);
        return v;
    }

    private static double[][] diagonalish(int k) {
        double[][] p = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                p[i][j] = i == j ? 0.8 : 0.2 / (k - 1);
            }
        }
        return p;
    }
}
