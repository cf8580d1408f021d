package io.entroflow.topology.analyze;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.entroflow.operators.RejectedEventException;
import io.entroflow.operators.hmm.BaumWelch;
import io.entroflow.operators.hmm.CategoricalEmission;
import io.entroflow.operators.hmm.EmissionType;
import io.entroflow.operators.hmm.HmmFilter;
import io.entroflow.operators.hmm.HmmModel;
import io.entroflow.operators.hmm.HmmStep;
import io.entroflow.operators.hmm.OnlineEmConfig;
import io.entroflow.operators.hmm.OnlineEmHmm;
import io.entroflow.operators.hmm.RegimeChange;
import io.entroflow.operators.hmm.RegimeChangeRule;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code hmm}: hidden-regime filtering of {@code --column} with a given model ({@code --model
 * FILE}) or one fitted to the input ({@code --states K --emission categorical|gaussian|ar1
 * [--fit baum-welch|online]}); per event ({@code --series}) or one summary. Log values in nats.
 */
final class HmmMeasure implements AnalyzeMeasure {

    @Override
    public List<String> names() {
        return List.of("hmm");
    }

    @Override
    public String description() {
        return "HMM regime filter: posterior, surprise, log-likelihood, regime changes (--model FILE | --states K --emission E [--fit baum-welch|online])";
    }

    @Override
    public void run(AnalyzeContext context) {
        AnalyzeOptions o = context.options();
        RegimeChangeRule rule = rule(o);
        double[] x = context.numbers("--column", o.column);
        AnalyzeContext.require(x.length > 0, "--input: no rows");
        Fitted fitted = model(context, x);
        HmmModel model = fitted.model;
        if (o.saveModel != null) {
            try {
                HmmModelJson.write(model, Path.of(o.saveModel));
            } catch (IOException e) {
                throw new BadInputException("--save-model: cannot write '" + o.saveModel + "' (" + e.getMessage() + ")");
            }
        }
        HmmFilter filter = new HmmFilter(model, rule);
        int k = model.states();
        long[] occupancy = new long[k];
        double surpriseSum = 0;
        double expectedSum = 0;
        long scored = 0;
        for (int i = 0; i < x.length; i++) {
            HmmStep step;
            try {
                step = filter.update(i, x[i]);
            } catch (RejectedEventException e) {
                throw new BadInputException("--column: row " + i + ": " + e.getMessage());
            }
            occupancy[step.state()]++;
            double expected = step.predictiveEntropy();
            if (!step.impossible()) {
                surpriseSum += step.surprise();
                expectedSum += expected;
                scored++;
            }
            if (o.series) {
                ObjectNode row = context.object();
                row.put("index", i);
                ArrayNode posterior = row.putArray("posterior");
                for (int j = 0; j < k; j++) {
                    posterior.add(step.posterior(j));
                }
                row.put("state", step.state());
                row.put("probability", step.stateProbability());
                row.put("entropy", step.posteriorEntropy());
                row.put("surprise", step.surprise());
                row.put("expected_surprise", expected);
                row.put("loglik", step.logLikelihood());
                row.put("regime", step.regime());
                if (step.impossible()) {
                    row.put("impossible", true);
                }
                RegimeChange change = step.regimeChange();
                if (change != null) {
                    ObjectNode c = row.putObject("regime_change");
                    c.put("from", change.from());
                    c.put("to", change.to());
                    c.put("start", change.startIndex());
                }
                context.emit(row);
            }
        }
        if (o.series) {
            return;
        }
        ObjectNode row = context.object();
        row.put("measure", "hmm");
        row.put("emission", model.emission().type().label());
        row.put("states", k);
        row.put("n", x.length);
        row.put("loglik", filter.logLikelihood());
        row.put("mean_surprise", scored > 0 ? surpriseSum / scored : Double.NaN);
        row.put("mean_expected_surprise", scored > 0 ? expectedSum / scored : Double.NaN);
        row.put("unit", "nats");
        row.put("regime_changes", filter.regimeChanges());
        ArrayNode occ = row.putArray("occupancy");
        for (long c : occupancy) {
            occ.add(c / (double) x.length);
        }
        row.put("impossible", filter.snapshot().impossibleEvents());
        if (fitted.fit != null) {
            row.put("fit", fitted.fit);
            if (fitted.iterations >= 0) {
                row.put("iterations", fitted.iterations);
            }
            row.set("model", HmmModelJson.toJson(model));
        }
        context.emit(row);
    }

    private record Fitted(HmmModel model, String fit, int iterations) {
    }

    private static Fitted model(AnalyzeContext context, double[] x) {
        AnalyzeOptions o = context.options();
        String fit = o.fit == null ? null : o.fit.trim().toLowerCase(Locale.ROOT);
        AnalyzeContext.require(fit == null || fit.equals("baum-welch") || fit.equals("online"),
                "--fit: expected baum-welch or online, got '" + o.fit + "'");
        if (o.model != null) {
            AnalyzeContext.require(o.states == null, "--states: not with --model (the model file fixes K), got " + o.states);
            AnalyzeContext.require(o.emission == null, "--emission: not with --model (the model file fixes it), got '" + o.emission + "'");
            HmmModel model;
            try {
                model = HmmModelJson.read(Path.of(o.model));
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--model: " + e.getMessage());
            }
            if (model.emission() instanceof CategoricalEmission c) {
                symbols(x, c.alphabetSize());
            }
            if (fit == null) {
                return new Fitted(model, null, -1);
            }
            if (fit.equals("online")) {
                int alphabet = model.emission() instanceof CategoricalEmission c ? c.alphabetSize() : 0;
                OnlineEmConfig d = OnlineEmConfig.of(model.states(), model.emission().type(), alphabet);
                OnlineEmHmm em = OnlineEmHmm.startingFrom(model, d);
                for (double v : x) {
                    em.update(v);
                }
                return new Fitted(em.model(), "online", -1);
            }
            BaumWelch.Fit f = guarded(() -> BaumWelch.improve(model, x, 500, 1e-6));
            return new Fitted(f.model(), "baum-welch", f.iterations());
        }
        AnalyzeContext.require(o.states != null, "--model or --states: one is required for --measure hmm");
        int k = ColumnSymbolizer.checked("--states", o.states, HmmModel.MIN_STATES, HmmModel.MAX_STATES);
        AnalyzeContext.require(o.emission != null, "--emission: required with --states (categorical, gaussian or ar1)");
        EmissionType type;
        try {
            type = EmissionType.parse(o.emission);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--emission: expected categorical, gaussian or ar1, got '" + o.emission + "'");
        }
        int alphabet = type == EmissionType.CATEGORICAL ? symbols(x, Integer.MAX_VALUE) : 0;
        AnalyzeContext.require(x.length >= k, "--states: needs at least " + k + " rows, got " + x.length);
        if ("online".equals(fit)) {
            OnlineEmConfig defaults = OnlineEmConfig.of(k, type, alphabet);
            int warmUp = Math.min(defaults.warmUp(), x.length);
            AnalyzeContext.require(warmUp >= Math.max(2, k), "--fit online: needs at least " + Math.max(2, k) + " rows, got " + x.length);
            OnlineEmHmm em = new OnlineEmHmm(new OnlineEmConfig(k, type, alphabet, warmUp, defaults.stepExponent(),
                    defaults.minStep(), defaults.mStepDelay(), o.seed));
            for (double v : x) {
                em.update(v);
            }
            return new Fitted(em.model(), "online", -1);
        }
        AnalyzeContext.require(o.restarts >= 1, "--restarts: must be >= 1, got " + o.restarts);
        BaumWelch.Fit f = guarded(() -> BaumWelch.fit(x, k, type, alphabet, new BaumWelch.Options(o.restarts, 500, 1e-6, o.seed)));
        return new Fitted(f.model(), "baum-welch", f.iterations());
    }

    private static BaumWelch.Fit guarded(java.util.function.Supplier<BaumWelch.Fit> fit) {
        try {
            return fit.get();
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--column: " + e.getMessage());
        }
    }

    /** Checks categorical observations are integers 0..limit-1; returns max + 1. */
    private static int symbols(double[] x, int limit) {
        int max = 0;
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            if (v != Math.rint(v) || v < 0 || v >= limit || v > (1 << 20)) {
                throw new BadInputException("--column: row " + i + ": categorical observations must be integers 0.."
                        + (limit == Integer.MAX_VALUE ? "2^20" : String.valueOf(limit - 1)) + ", got " + v);
            }
            max = Math.max(max, (int) v);
        }
        return max + 1;
    }

    private static RegimeChangeRule rule(AnalyzeOptions o) {
        AnalyzeContext.require(o.threshold > 0 && o.threshold <= 1, "--threshold: must be in (0, 1], got " + o.threshold);
        AnalyzeContext.require(o.dwell >= 1, "--dwell: must be >= 1, got " + o.dwell);
        return new RegimeChangeRule(o.threshold, o.dwell, 0);
    }
}
