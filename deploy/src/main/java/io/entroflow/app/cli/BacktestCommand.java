package io.entroflow.app.cli;

import io.entroflow.app.backtest.Backtest;
import io.entroflow.app.backtest.BacktestInput;
import io.entroflow.app.backtest.BadInputException;
import io.entroflow.app.backtest.JsonLinesInput;
import io.entroflow.app.backtest.QueueInput;
import io.entroflow.app.backtest.RoutingFiles;
import io.entroflow.app.files.Directories;
import io.entroflow.app.files.FileProblems;
import io.entroflow.topology.offline.OfflineRunFailure;
import io.entroflow.topology.plan.MonitorPlan;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code entroflow backtest --config SPEC (--queue DIR | --input FILE.jsonl) --out DIR
 * [--subscriptions FILE] [--silences FILE]}: the spec's monitor (with its alert router, when the
 * spec has a {@code routing} section) over a recording or a JSON-lines file, in-process, without a
 * broker; see {@link Backtest} and {@link RoutingFiles}.
 * Exit status 0 when done, 2 for bad options, a bad spec or unreadable input, 1 when the monitor
 * would have stopped (a record it cannot read) or the output cannot be written.
 */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = {"Run a spec over a recording or a JSON-lines file in-process, without a broker.",
                "It runs the live monitor's processors and rules, as fast as one thread allows, deterministically. "
                        + "It writes DIR/aggregates.jsonl, DIR/alert-events.jsonl, DIR/dead-letter.jsonl and "
                        + "DIR/summary.json, and with a routing section in the spec DIR/notifications.jsonl (what the "
                        + "router would send, given --subscriptions and --silences).",
                "Two backtests of the same input and spec write identical files, so two specs can be compared with diff."})
public final class BacktestCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "SPEC", description = "The monitor spec (YAML).")
    Path config;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--queue", required = true, paramLabel = "DIR",
                description = "A recording: the spec's input topics in recorded order, as recorded.")
        Path queue;

        @Option(names = "--input", required = true, paramLabel = "FILE.jsonl",
                description = "JSON lines: each line one record value of the first input topic; the record key "
                        + "from a 'key' field when the spec keys by record key; the record timestamp from the "
                        + "spec's time field (else the line number - 1, in ms).")
        Path input;
    }

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created if needed).")
    Path out;

    @Option(names = "--subscriptions", paramLabel = "FILE",
            description = "Subscriptions (YAML or JSON list of the subscriptions topic's records), in force from "
                    + "the start of the input. Needs the spec's routing section; writes DIR/notifications.jsonl.")
    Path subscriptions;

    @Option(names = "--silences", paramLabel = "FILE",
            description = "Silences (YAML or JSON list of the silences topic's records); each mutes by its own "
                    + "starts_at/ends_at in event time. Needs the spec's routing section.")
    Path silences;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        MonitorPlan plan = RunCommand.loadPlan("--config", config);
        boolean outIsNew = !Files.exists(this.out);
        CliFiles.requireWritableDirectory("--out", this.out);
        try {
            return backtest(plan, out, err);
        } catch (CommandFailure e) {
            if (outIsNew) {
                // a refused or failed run leaves no directory of partial outputs that look like a result
                Directories.deleteRecursively(this.out);
            }
            throw e;
        }
    }

    private int backtest(MonitorPlan plan, PrintWriter out, PrintWriter err) {
        RoutingFiles routing = routing(plan);
        long start = System.nanoTime();
        Backtest.Result r;
        try (BacktestInput input = source.queue != null ? new QueueInput(source.queue, plan.spec().input().topics())
                : new JsonLinesInput(source.input, plan)) {
            r = new Backtest(plan, List.of(), routing).run(input, this.out, n -> {
                err.printf("entroflow backtest: %,d records%n", n);
                err.flush();
            });
        } catch (BadInputException e) {
            throw CommandFailure.usage(e.getMessage(), e);
        } catch (OfflineRunFailure e) {
            throw CommandFailure.runtime(e.getMessage(), e);
        } catch (IOException e) {
            throw CommandFailure.runtime("--out: cannot write to '" + this.out + "': " + FileProblems.reason(e), e);
        }
        double seconds = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
        out.printf(Locale.ROOT, "entroflow backtest: %d records, %d events (%d processed, %d dead-lettered), %d aggregates,"
                        + " %d alert events%s in %.1f s (%.0f records/s); %s%n", r.records(), r.events(), r.processed(),
                r.events() - r.processed(), r.aggregates(), r.alertEvents(),
                plan.routing() == null ? "" : ", " + r.notifications() + " notifications", seconds, r.records() / seconds,
                this.out);
        out.flush();
        return 0;
    }

    /** The subscriptions and silences of the options, read and validated before the run starts. */
    private RoutingFiles routing(MonitorPlan plan) {
        if (subscriptions == null && silences == null) {
            return RoutingFiles.NONE;
        }
        RoutingTopics.routing(subscriptions != null ? "--subscriptions" : "--silences", plan);
        try {
            return new RoutingFiles(
                    subscriptions == null ? List.of() : RoutingFiles.readSubscriptions("--subscriptions", subscriptions),
                    silences == null ? List.of() : RoutingFiles.readSilences("--silences", silences));
        } catch (BadInputException e) {
            throw CommandFailure.usage(e.getMessage(), e);
        }
    }
}
