package io.entroflow.app.generate;

import io.entroflow.operators.signal.Ar1Process;
import io.entroflow.operators.signal.CategoricalSource;
import io.entroflow.operators.signal.ContinuousFlow;
import io.entroflow.operators.signal.CoupledPairSource;
import io.entroflow.operators.signal.HenonMap;
import io.entroflow.operators.signal.HmmSampler;
import io.entroflow.operators.signal.LogisticMap;
import io.entroflow.operators.signal.MarkovChainSource;
import io.entroflow.operators.signal.NoiseSource;
import io.entroflow.operators.signal.SignalGenerator;
import io.entroflow.operators.signal.SumOfSines;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The registry of {@code entroflow generate} signals: add one by adding a line to {@link #all()}.
 * The generators themselves live in {@code io.entroflow.operators.signal}.
 */
public final class SignalKinds {
    private SignalKinds() {
    }

    /** Every signal, in listing order. */
    public static List<SignalKind> all() {
        List<SignalKind> all = new ArrayList<>();
        all.add(new SignalKind("categorical", "i.i.d. symbols; p=0.5,0.3,0.2 (probabilities)",
                p -> new CategoricalSource(p.probabilities("p", new double[] {0.5, 0.3, 0.2}), p.seed())));
        all.add(new SignalKind("markov", "stationary Markov chain; matrix=0.9,0.1;0.2,0.8 (rows ';', entries ',')",
                SignalKinds::markov));
        all.add(new SignalKind("coupled", "x copies y lag samples back from sample switch on, flipped with probability flip;"
                + " alphabet=2 lag=1 flip=0.1 switch=0; columns x,y,coupled",
                p -> new CoupledPairSource(p.smallInteger("alphabet", 2), p.smallInteger("lag", 1), p.number("flip", 0.1),
                        p.integer("switch", 0), p.seed())));
        all.add(new SignalKind("logistic", "logistic map; r=4 x0=(uniform from the seed)",
                p -> new LogisticMap(p.number("r", 4), p.number("x0", 0.05 + 0.9 * p.random().nextDouble()))));
        all.add(new SignalKind("henon", "Henon map; a=1.4 b=0.3 x0=0 y0=0; columns x,y",
                p -> new HenonMap(p.number("a", 1.4), p.number("b", 0.3), p.number("x0", 0), p.number("y0", 0))));
        all.add(new SignalKind("lorenz", "Lorenz flow, RK4; sigma=10 rho=28 beta=2.6666666666666665 dt=0.01 stride=10"
                + " x0=1 y0=1 z0=1; columns x,y,z",
                p -> ContinuousFlow.lorenz(p.number("sigma", 10), p.number("rho", 28), p.number("beta", 8.0 / 3),
                        p.number("dt", 0.01), p.smallInteger("stride", 10), p.number("x0", 1), p.number("y0", 1),
                        p.number("z0", 1))));
        all.add(new SignalKind("rossler", "Rossler flow, RK4; a=0.2 b=0.2 c=5.7 dt=0.05 stride=10 x0=1 y0=1 z0=1; columns x,y,z",
                p -> ContinuousFlow.rossler(p.number("a", 0.2), p.number("b", 0.2), p.number("c", 5.7),
                        p.number("dt", 0.05), p.smallInteger("stride", 10), p.number("x0", 1), p.number("y0", 1),
                        p.number("z0", 1))));
        all.add(new SignalKind("sine", "sine; f=0.01 (cycles per sample, 0..0.5) amplitude=1 phase=0 (radians)",
                p -> new SumOfSines(new double[] {p.numberIn("f", 0.01, 0, 0.5, "cycles per sample")},
                        new double[] {p.number("amplitude", 1)}, new double[] {p.number("phase", 0)})));
        all.add(new SignalKind("sines", "sum of sines; f=0.01,0.037 amplitude=1,0.5 phase=0,0 (one amplitude and phase per f;"
                + " given f, they default to 1 and 0)", SignalKinds::sines));
        for (NoiseSource.Colour colour : NoiseSource.Colour.values()) {
            all.add(new SignalKind(colour.label(), colour.label() + " Gaussian noise; sigma=1",
                    p -> new NoiseSource(colour, p.number("sigma", 1), p.seed())));
        }
        all.add(new SignalKind("ar1", "AR(1) x_t = phi x_(t-1) + sigma e_t, stationary start; phi=0.9 sigma=1",
                p -> new Ar1Process(p.number("phi", 0.9), p.number("sigma", 1), p.seed())));
        all.add(new SignalKind("hmm", "hidden Markov model; model=FILE.json, or transition=0.99,0.01;0.02,0.98"
                + " initial=(uniform) emission=gaussian|ar1|categorical with means=0,3 variances=1,1 |"
                + " intercepts=0,1 coefficients=0.5,0.5 variances=1,1 | probabilities=0.9,0.1;0.2,0.8; columns value,state",
                p -> new HmmSampler(HmmSignal.model(p), p.seed())));
        return Collections.unmodifiableList(all);
    }

    /** The signal named {@code name} (any case), if there is one. */
    public static Optional<SignalKind> find(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return all().stream().filter(k -> k.name().equals(wanted)).findFirst();
    }

    private static SignalGenerator markov(SignalParams p) {
        double[][] matrix = p.transitionMatrix("matrix", new double[][] {{0.9, 0.1}, {0.2, 0.8}});
        try {
            return new MarkovChainSource(matrix, p.seed());
        } catch (IllegalArgumentException e) {
            throw SignalParams.about("matrix", e); // e.g. no unique stationary distribution
        }
    }

    private static SignalGenerator sines(SignalParams p) {
        boolean defaults = !p.has("f");
        double[] f = p.numbersIn("f", new double[] {0.01, 0.037}, 0, 0.5, "cycles per sample");
        double[] amplitude = p.numbers("amplitude", defaults ? new double[] {1, 0.5} : filled(f.length, 1));
        double[] phase = p.numbers("phase", defaults ? new double[] {0, 0} : filled(f.length, 0));
        requireOnePerFrequency("amplitude", amplitude, f);
        requireOnePerFrequency("phase", phase, f);
        return new SumOfSines(f, amplitude, phase);
    }

    private static void requireOnePerFrequency(String key, double[] values, double[] f) {
        if (values.length != f.length) {
            throw new IllegalArgumentException(key + ": expected one value per f (" + f.length + "), got " + values.length);
        }
    }

    private static double[] filled(int n, double value) {
        double[] v = new double[n];
        Arrays.fill(v, value);
        return v;
    }
}
