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
        double[][] transition = p.transitionMatrix("transition", new double[][] {{0.99, 0.01}, {0.02, 0.98}});
        int k = transition.length;
        double[] uniform = new double[k];
        Arrays.fill(uniform, 1.0 / k);
        double[] initial = perState(p.probabilities("initial", uniform), "initial", k);
        String type = p.text("emission", "gaussian");
        Emission emission = switch (type) {
            case "gaussian" -> new GaussianEmission(perState(p.numbers("means", spread(k)), "means", k),
                    perState(p.numbers("variances", ones(k)), "variances", k));
            case "ar1" -> new Ar1GaussianEmission(perState(p.numbers("intercepts", spread(k)), "intercepts", k),
                    perState(p.numbers("coefficients", new double[k]), "coefficients", k),
                    perState(p.numbers("variances", ones(k)), "variances", k));
            case "categorical" -> new CategoricalEmission(perState(p.probabilityRows("probabilities", diagonalish(k)),
                    "probabilities", k));
            default -> throw new IllegalArgumentException("emission: expected gaussian, ar1 or categorical, got '" + type + "'");
        };
        return new HmmModel(initial, transition, emission);
    }

    /** {@code values}, one per state; else an error naming {@code key}. */
    private static double[] perState(double[] values, String key, int states) {
        requireStates(key, "value", values.length, states);
        return values;
    }

    /** {@code rows}, one per state; else an error naming {@code key}. */
    private static double[][] perState(double[][] rows, String key, int states) {
        requireStates(key, "row", rows.length, states);
        return rows;
    }

    private static void requireStates(String key, String what, int given, int states) {
        if (given != states) {
            throw new IllegalArgumentException(key + ": expected one " + what + " per state (" + states
                    + ", the rows of transition), got " + given);
        }
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
