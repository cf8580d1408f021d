package io.entroflow.app.cli;

import io.entroflow.app.broker.KafkaTarget;
import io.entroflow.app.record.TimeArgument;
import io.entroflow.app.reprocess.Reprocessing;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.stream.TopologyNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * {@code entroflow reprocess --config SPEC --from-timestamp T [--suffix S] [kafka options]}: runs
 * the spec like {@code run}, but as a new application ({@code entroflow-<monitor>-<suffix>}) from the
 * input offsets of time T into its own output topics ({@code <topic>-<suffix>}); see
 * {@link Reprocessing}. The live monitor (its application id, state, re-key topic, outputs, routing
 * topics) is never touched, and nothing is delivered to webhooks or Alertmanagers ({@code --no-delivery}
 * is implied). Runs until stopped, like {@code run}; restarted with the same suffix it resumes.
 */
@Command(name = "reprocess", mixinStandardHelpOptions = true,
        description = {"Run a spec again from a point in time, beside the live monitor.",
                "It runs as a new application id (entroflow-<monitor>-<suffix>, printed) starting at the input "
                        + "offsets of --from-timestamp, writing to the spec's output topics + '-<suffix>' (printed).",
                "The live monitor's application id, state and topics are never touched; with a routing section, "
                        + "notifications go to <notifications>-<suffix> and are not delivered.",
                "Runs until stopped (Ctrl-C, SIGTERM); the same suffix again resumes."})
public final class ReprocessCommand extends RunCommand {
    @Option(names = "--from-timestamp", required = true, paramLabel = "TIME",
            description = "Start at the first record with a timestamp >= TIME (ISO-8601 instant or epoch ms), per partition.")
    String fromTimestamp;

    @Option(names = "--suffix", paramLabel = "SUFFIX",
            description = "Suffix of the application id and output topics. Default reprocess-<TIME as yyyyMMddTHHmmssZ>.")
    String suffix;

    private Reprocessing reprocessing;

    public ReprocessCommand() {
        this(System.out, System.err);
    }

    public ReprocessCommand(PrintStream out, PrintStream err) {
        super(out, err);
    }

    @Override
    MonitorPlan prepare(MonitorPlan live) {
        long from;
        try {
            from = TimeArgument.parseMillis("--from-timestamp", fromTimestamp);
            reprocessing = Reprocessing.of(live, from, suffix != null ? suffix : Reprocessing.defaultSuffix(from));
        } catch (IllegalArgumentException e) {
            throw CommandFailure.usage(e.getMessage(), e);
        }
        noDelivery = true; // its notifications are a second history: never sent to the live receivers
        err.println("entroflow reprocess: monitor '" + live.monitor() + "' from " + Instant.ofEpochMilli(from)
                + " as application '" + reprocessing.names().applicationId() + "' into "
                + String.join(", ", reprocessing.outputTopics()));
        if (live.routing() != null) {
            err.println("entroflow reprocess: routing reads " + live.routing().subscriptionsTopic() + " and "
                    + live.routing().silencesTopic() + "; notifications are recorded, not delivered; {topic: T}"
                    + " subscriptions write to T-" + reprocessing.suffix());
        }
        return reprocessing.plan();
    }

    @Override
    TopologyNames names(MonitorPlan plan) {
        return reprocessing.names();
    }

    @Override
    void beforeStart(KafkaTarget target) throws InterruptedException {
        try (Admin admin = Admin.create(target.clientConfig())) {
            boolean set = reprocessing.commitStartOffsets(admin);
            err.println(set ? "entroflow reprocess: start offsets " + reprocessing.startOffsets(admin)
                    : "entroflow reprocess: application '" + reprocessing.names().applicationId()
                    + "' has committed offsets: resuming where it stopped");
        } catch (ExecutionException | KafkaException e) {
            Throwable c = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw CommandFailure.runtime("cannot set the start offsets of '" + reprocessing.names().applicationId()
                    + "' on " + target.bootstrapServers() + ": " + OneLineErrors.oneLine(String.valueOf(c.getMessage())), e);
        } catch (TimeoutException e) {
            throw CommandFailure.runtime("Kafka on " + target.bootstrapServers()
                    + " did not answer within 30s while setting the start offsets", e);
        }
    }

    @Override
    int defaultHttpPort() {
        return 0;
    }
}
