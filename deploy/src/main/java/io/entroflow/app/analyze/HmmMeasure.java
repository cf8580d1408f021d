package io.entroflow.app.analyze;

import io.entroflow.app.files.FileProblems;
import io.entroflow.schemas.model.HmmModelJson;
import io.entroflow.topology.measure.MeasureParams;
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
import io.entroflow.operators.hmm.RegimeChangeDetector;
import io.entroflow.operators.hmm.RegimeChangeRule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code hmm}: hidden-regime filtering of {@code --column} with a given model ({@code --model
 * FILE}) or one fitted to the input ({@code --states K --emission categorical|gaussian|ar1
 * [--fit baum-welch|online]}); per event ({@code --series}) or one summary. Log values in nats.
 * With {@code --fit online} the rows, the regime changes and the log-likelihood come from the
 * adapting online-EM filter (parameters in force at each event; a prequential log-likelihood),
 * and {@code --save-model} writes the final parameters. {@code --time-column} gives event times
 * (rows get a {@code time}; {@code --dwell-time} needs it).
 */
final class HmmMeasure implements AnalyzeMeasure {

    @Override
    public String measure() {
        return "hmm";
    }

    @Override
    public List<String> inputOptions() {
        return List.of("--column", "--time-column", "--model", "--save-model");
    }

    @Override
    public List<String> outputOptions() {
        return List.of("--series");
    }

    @Override
    public void run(AnalyzeContext context) {
        AnalyzeOptions o = context.options();
        double[] x = context.numbers("--column", o.column);
        AnalyzeContext.require(x.length > 0, "--input: no rows");
        long[] times = context.times();
        RegimeChangeRule rule = rule(o, context.params(), times != null);
        Fitted fitted = model(context, x);
        if (fitted.online != null) {
            runOnline(context, x, times, rule, fitted.online);
            return;
        }
        HmmModel model = fitted.model;
        save(o, model);
        HmmFilter filter = new HmmFilter(model, rule);
        Rows rows = new Rows(context, model.states(), times);
        for (int i = 0; i < x.length; i++) {
            HmmStep step;
            try {
                step = filter.update(times == null ? i : times[i], x[i]);
            } catch (RejectedEventException e) {
                throw new BadInputException(at(context, i) + ": " + e.getMessage());
            }
            rows.event(i, step.posterior(), step.state(), step.stateProbability(), step.posteriorEntropy(),
                    step.surprise(), step.predictiveEntropy(), step.logLikelihood(), step.impossible(),
                    step.regime(), step.regimeChange());
        }
        if (o.series) {
            return;
        }
        ObjectNode row = rows.summary(model, filter.logLikelihood(), filter.regimeChanges(),
                filter.snapshot().impossibleEvents());
        if (fitted.fit != null) {
            row.put("fit", fitted.fit);
            if (fitted.iterations >= 0) {
                row.put("iterations", fitted.iterations);
            }
            row.set("model", HmmModelJson.toJson(model));
        }
        context.emit(row);
    }

    /**
     * {@code --fit online}: every row comes from the adapting filter of online EM, computed with
     * the parameters in force at that event; the log-likelihood is the prequential one
     * &Sigma; ln p(x<sub>t</sub> | x<sub>1..t&minus;1</sub>; &theta;<sub>t&minus;1</sub>).
     */
    private static void runOnline(AnalyzeContext context, double[] x, long[] times, RegimeChangeRule rule, OnlineEmHmm em) {
        AnalyzeOptions o = context.options();
        RegimeChangeDetector regimes = new RegimeChangeDetector(rule);
        Rows rows = new Rows(context, em.posterior().length, times);
        for (int i = 0; i < x.length; i++) {
            try {
                em.update(times == null ? i : times[i], x[i], step -> {
                    int index = (int) step.index();
                    int state = step.state();
                    double probability = step.stateProbability();
                    RegimeChange change = regimes.observe(index, times == null ? index : times[index], state, probability);
                    rows.event(index, step.posterior(), state, probability, step.posteriorEntropy(), step.surprise(),
                            step.predictiveEntropy(), step.logLikelihood(), step.impossible(), regimes.regime(), change);
                });
            } catch (RejectedEventException e) {
                throw new BadInputException(at(context, i) + ": " + e.getMessage());
            }
        }
        HmmModel model = em.model();
        save(o, model);
        if (o.series) {
            return;
        }
        ObjectNode row = rows.summary(model, em.logLikelihood(), regimes.changes(), em.impossibleEvents());
        row.put("loglik_kind", "prequential");
        row.put("fit", "online");
        row.set("model", HmmModelJson.toJson(model));
        context.emit(row);
    }

    private static void save(AnalyzeOptions o, HmmModel model) {
        if (o.saveModel != null) {
            try {
                HmmModelJson.write(model, Path.of(o.saveModel));
            } catch (IOException e) {
                throw new BadInputException("--save-model: cannot write '" + o.saveModel + "': " + FileProblems.reason(e));
            }
        }
    }

    /** Prints the per-event rows ({@code --series}) and accumulates the summary. */
    private static final class Rows {
        private final AnalyzeContext context;
        private final boolean series;
        private final long[] times;
        private final long[] occupancy;
        private double surpriseSum;
        private double expectedSum;
        private long scored;
        private long events;

        Rows(AnalyzeContext context, int states, long[] times) {
            this.context = context;
            this.series = context.options().series;
            this.times = times;
            this.occupancy = new long[states];
        }

        void event(int index, double[] posterior, int state, double probability, double entropy, double surprise,
                   double expected, double logLikelihood, boolean impossible, int regime, RegimeChange change) {
            if (index != events) {
                throw new IllegalStateException("event " + index + " out of order, expected " + events);
            }
            events++;
            occupancy[state]++;
            if (!impossible) {
                surpriseSum += surprise;
                expectedSum += expected;
                scored++;
            }
            if (!series) {
                return;
            }
            ObjectNode row = context.object();
            row.put("index", index);
            if (times != null) {
                row.put("time", times[index]);
            }
            ArrayNode p = row.putArray("posterior");
            for (double v : posterior) {
                p.add(v);
            }
            row.put("state", state);
            row.put("probability", probability);
            row.put("entropy", entropy);
            row.put("surprise", surprise);
            row.put("expected_surprise", expected);
            row.put("loglik", logLikelihood);
            row.put("regime", regime);
            if (impossible) {
                row.put("impossible", true);
            }
            if (change != null) {
                ObjectNode c = row.putObject("regime_change");
                c.put("from", change.from());
                c.put("to", change.to());
                c.put("start", change.startIndex());
                if (times != null) {
                    c.put("start_time", change.startTime());
                }
            }
            context.emit(row);
        }

        ObjectNode summary(HmmModel model, double logLikelihood, long regimeChanges, long impossibleEvents) {
            ObjectNode row = context.object();
            row.put("measure", "hmm");
            row.put("emission", model.emission().type().label());
            row.put("states", model.states());
            row.put("n", events);
            row.put("loglik", logLikelihood);
            double meanSurprise = scored > 0 ? surpriseSum / scored : Double.NaN;
            row.put("value", meanSurprise); // the spec operator's default value, surprise
            row.put("mean_surprise", meanSurprise);
            row.put("mean_expected_surprise", scored > 0 ? expectedSum / scored : Double.NaN);
            row.put("unit", "nats");
            row.put("regime_changes", regimeChanges);
            ArrayNode occ = row.putArray("occupancy");
            for (long c : occupancy) {
                occ.add(c / (double) events);
            }
            row.put("impossible", impossibleEvents);
            return row;
        }
    }

    /** A fixed model to filter with (given or fitted offline), or an online EM to run. */
    private record Fitted(HmmModel model, String fit, int iterations, OnlineEmHmm online) {
        Fitted(HmmModel model, String fit, int iterations) {
            this(model, fit, iterations, null);
        }

        static Fitted online(OnlineEmHmm em) {
            return new Fitted(null, "online", -1, em);
        }
    }

    private static Fitted model(AnalyzeContext context, double[] x) {
        AnalyzeOptions o = context.options();
        MeasureParams p = context.params();
        String fit = p.has("fit") ? p.text("fit") : null; // a catalogue choice: baum-welch or online
        if (o.model != null) {
            AnalyzeContext.require(o.states == null, "--states: not with --model (the model file fixes K), got " + o.states);
            AnalyzeContext.require(o.emission == null, "--emission: not with --model (the model file fixes it), got '" + o.emission + "'");
            HmmModel model;
            try {
                model = HmmModelJson.read(Path.of(o.model));
            } catch (UncheckedIOException e) {
                throw new BadInputException(FileProblems.unreadable("--model", Path.of(o.model), e.getCause()));
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--model: " + e.getMessage());
            }
            if (model.emission() instanceof CategoricalEmission c) {
                symbols(context, x, c.alphabetSize());
            }
            if (fit == null) {
                return new Fitted(model, null, -1);
            }
            if (fit.equals("online")) {
                int alphabet = model.emission() instanceof CategoricalEmission c ? c.alphabetSize() : 0;
                OnlineEmConfig d = OnlineEmConfig.of(model.states(), model.emission().type(), alphabet);
                return Fitted.online(OnlineEmHmm.startingFrom(model, d));
            }
            BaumWelch.Fit f = guarded(() -> BaumWelch.improve(model, x, 500, 1e-6));
            return new Fitted(f.model(), "baum-welch", f.iterations());
        }
        AnalyzeContext.require(o.states != null, "--model or --states: one is required for --measure hmm");
        int k = p.integer("states");
        AnalyzeContext.require(o.emission != null, "--emission: required with --states (categorical, gaussian or ar1)");
        EmissionType type = EmissionType.parse(p.text("emission")); // a catalogue choice
        int alphabet = type == EmissionType.CATEGORICAL ? symbols(context, x, Integer.MAX_VALUE) : 0;
        AnalyzeContext.require(x.length >= k, "--states: needs at least " + k + " rows, got " + x.length);
        if ("online".equals(fit)) {
            OnlineEmConfig defaults = OnlineEmConfig.of(k, type, alphabet);
            int warmUp = Math.min(defaults.warmUp(), x.length);
            AnalyzeContext.require(warmUp >= Math.max(2, k), "--fit online: needs at least " + Math.max(2, k) + " rows, got " + x.length);
            return Fitted.online(new OnlineEmHmm(new OnlineEmConfig(k, type, alphabet, warmUp, defaults.stepExponent(),
                    defaults.minStep(), defaults.mStepDelay(), o.seed)));
        }
        BaumWelch.Fit f = guarded(() -> BaumWelch.fit(x, k, type, alphabet,
                new BaumWelch.Options(p.integer("restarts"), 500, 1e-6, o.seed)));
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
    private static int symbols(AnalyzeContext context, double[] x, int limit) {
        int max = 0;
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            if (v != Math.rint(v) || v < 0 || v >= limit || v > (1 << 20)) {
                throw new BadInputException(at(context, i) + ": categorical observations must be integers 0.."
                        + (limit == Integer.MAX_VALUE ? "2^20" : String.valueOf(limit - 1)) + ", got '"
                        + context.table().rows().get(i).values().get(context.options().column) + "'");
            }
            max = Math.max(max, (int) v);
        }
        return max + 1;
    }

    /** Where row {@code i} of {@code --column} is, for messages: {@code FILE line N: column 'C'}. */
    private static String at(AnalyzeContext context, int i) {
        Table t = context.table();
        return t.source() + " line " + t.rows().get(i).line() + ": column '" + context.options().column + "'";
    }

    private static RegimeChangeRule rule(AnalyzeOptions o, MeasureParams p, boolean eventTime) {
        long dwellMillis = 0;
        if (o.dwellTime != null) {
            dwellMillis = DurationText.millis("--dwell-time", o.dwellTime);
            AnalyzeContext.require(eventTime, "--dwell-time: needs --time-column (the events' time), got '" + o.dwellTime + "'");
        }
        return new RegimeChangeRule(p.number("threshold"), p.integer("dwell"), dwellMillis);
    }
}
