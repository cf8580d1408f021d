package io.entroflow.app.cli;

import io.entroflow.app.broker.KafkaTarget;
import io.entroflow.app.deliver.DeliveryMetrics;
import io.entroflow.app.deliver.DeliveryWorker;
import io.entroflow.app.http.HttpOptions;
import io.entroflow.app.http.ObservabilityServer;
import io.entroflow.schemas.spec.SchemaCheckedSpec;
import io.entroflow.schemas.spec.SpecValidationException;
import io.entroflow.topology.operator.OperatorRegistry;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.plan.MonitorPlanner;
import io.entroflow.topology.runtime.MonitorRuntime;
import io.entroflow.topology.runtime.Topics;
import io.entroflow.topology.stream.MonitorCounters;
import io.entroflow.topology.stream.TopologyNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code entroflow run --config SPEC [--bootstrap-servers HOST:PORT] [--kafka-config FILE]}: runs a
 * monitor until stopped (SIGTERM or Ctrl-C shut it down gracefully, with a last status line, STOPPED;
 * so does interrupting the thread that runs it in-process). Before anything starts, the spec, the data directory and the cluster are
 * checked (a cluster must answer within {@code --connect-timeout}); a monitor whose Kafka Streams
 * application fails ends the command with status 1.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a monitor spec as a Kafka Streams application until stopped.",
                "Without --bootstrap-servers, starts an embedded single-node Kafka broker on 127.0.0.1 with its data "
                        + "under --data-dir (reused on the next start)."})
public class RunCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "SPEC", description = "Monitor spec (YAML).")
    Path config;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--data-dir", defaultValue = ".entroflow", paramLabel = "DIR",
            description = "Local state and embedded broker data. Default .entroflow.")
    Path dataDir;

    @Option(names = "--status-every", defaultValue = "5s", paramLabel = "DURATION",
            description = "Status line interval. Default 5s.")
    String statusEvery;

    @Mixin
    HttpOptions http = new HttpOptions();

    @Mixin
    DeliveryOptions delivery = new DeliveryOptions();

    @Option(names = "--no-delivery",
            description = "Do not deliver notifications to webhooks and Alertmanagers here (an 'entroflow deliver' does).")
    boolean noDelivery;

    final PrintStream err;

    public RunCommand() {
        this(System.out, System.err);
    }

    /** @param out unused: {@code run} writes its progress and status lines to {@code err} only */
    public RunCommand(PrintStream out, PrintStream err) {
        this.err = err;
    }

    @Override
    public Integer call() throws InterruptedException {
        MonitorPlan plan = prepare(loadPlan("--config", config));
        TopologyNames names = names(plan);
        long statusMillis = CliOptions.positiveMillis("--status-every", statusEvery);
        kafka.connectTimeout();
        HttpCheck.beforeStart(http);
        CliFiles.requireWritableDirectory("--data-dir", dataDir);
        checkStreamsConfig(plan, names, kafka.clientSettings());
        boolean delivering = plan.routing() != null && !noDelivery;
        if (delivering) {
            delivery.settings(plan, new Properties()); // every delivery option checked before anything starts
        }
        if (kafka.startsEmbeddedBroker()) {
            HttpCheck.bindable(http, defaultHttpPort());
        }
        KafkaTarget target = kafka.open(dataDir, err);
        CountDownLatch stop = new CountDownLatch(1);
        boolean interrupted = false;
        try (StopOnShutdown shutdown = StopOnShutdown.register("entroflow-shutdown", Duration.ofSeconds(60)); target) {
            shutdown.stopWith(stop::countDown);
            createTopics(target, plan, names);
            beforeStart(target);
            MonitorCounters counters;
            long firingAtStop;
            String deliveries;
            try (ObservabilityServer.Binding binding = bindServer(plan);
                 MonitorRuntime runtime = new MonitorRuntime(plan, binding.streamsConfig(streamsConfig(plan, names, target)),
                         binding.timings(), names);
                 ObservabilityServer server = binding.serve(runtime, target.clientConfig())) {
                counters = runtime.counters();
                err.println(server.describe());
                runtime.start();
                err.println("entroflow: monitor '" + plan.monitor() + "' running on " + target.bootstrapServers()
                        + " (input " + plan.spec().input().topics() + "); stop with Ctrl-C or SIGTERM");
                DeliveryWorker worker = delivering ? new DeliveryWorker(delivery.settings(plan, target.clientConfig()),
                        new DeliveryMetrics(server.metrics().registry()), err) : null;
                try (worker) {
                    if (worker != null) {
                        Thread t = new Thread(worker, "entroflow-delivery");
                        t.setDaemon(true);
                        t.start();
                    }
                    while (!stop.await(statusMillis, TimeUnit.MILLISECONDS)) {
                        KafkaStreams.State state = runtime.state();
                        if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR
                                || state == KafkaStreams.State.NOT_RUNNING) {
                            String why = runtime.shutdownReason();
                            throw CommandFailure.runtime(why.isEmpty() ? "monitor '" + plan.monitor()
                                    + "' stopped: Kafka Streams is " + state + " (the log above says why)"
                                    : why + " (Kafka Streams is " + state + ")", null);
                        }
                        err.println(status(runtime.counters(), state.toString()) + deliveries(worker));
                    }
                } catch (InterruptedException e) {
                    interrupted = true; // stopped in-process: close as for SIGTERM, then keep the interrupt
                }
                // closing a task takes its firing alerts out of the count: they still fire, so count them now
                firingAtStop = counters.alertsFiring();
                err.println("entroflow: stopping monitor '" + plan.monitor() + "' (committing, closing its state)");
                deliveries = deliveries(worker); // the worker has stopped: its final counts
            }
            // the monitor's last commit is done: what it did since it started, for the log of a graceful stop
            err.println(status(counters, "STOPPED", firingAtStop) + deliveries);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return 0;
    }

    /** The status line's delivery part ({@code " | delivered N, dead-lettered M"}), empty without delivery. */
    private static String deliveries(DeliveryWorker worker) {
        return worker == null ? "" : " | delivered " + worker.delivered() + ", dead-lettered " + worker.deadLettered();
    }

    /**
     * Loads, validates and plans a spec with the standard operators: a problem with the file is a
     * {@link CommandFailure#usage} naming {@code option}; an invalid spec a {@link SpecValidationException}
     * with its schema and planner errors together.
     */
    static MonitorPlan loadPlan(String option, Path file) {
        SchemaCheckedSpec spec = CliFiles.spec(option, file);
        try {
            return new MonitorPlanner(OperatorRegistry.standard()).plan(file.toString(), spec);
        } catch (SpecValidationException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw CommandFailure.usage("invalid monitor spec " + file + ": " + e.getMessage(), e);
        }
    }

    /** The plan to run ({@code reprocess}: with its own output topics). */
    MonitorPlan prepare(MonitorPlan loaded) {
        return loaded;
    }

    /** The application id and re-key topic to run under ({@code reprocess}: its own). */
    TopologyNames names(MonitorPlan plan) {
        return new TopologyNames(plan.monitor());
    }

    /** After the topics exist, before the application starts ({@code reprocess}: its start offsets). */
    void beforeStart(KafkaTarget target) throws InterruptedException {
    }

    /** The HTTP port without {@code --http-port}: 8080 ({@code reprocess}: any free one). */
    int defaultHttpPort() {
        return 8080;
    }

    private static void createTopics(KafkaTarget target, MonitorPlan plan, TopologyNames names) throws InterruptedException {
        String where = " on " + target.bootstrapServers();
        try (Admin admin = Admin.create(target.clientConfig())) {
            if (!target.embedded()) {
                Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
                List<String> missing = plan.spec().input().topics().stream().filter(t -> !existing.contains(t)).toList();
                if (!missing.isEmpty()) {
                    throw CommandFailure.runtime("input.topics: " + String.join(", ", missing) + (missing.size() == 1
                            ? " does" : " do") + " not exist" + where + "; create " + (missing.size() == 1 ? "it" : "them")
                            + " first (the monitor reads, never creates, the input topics of a given cluster)", null);
                }
            }
            Topics.create(admin, plan, target.embedded(), 1, names);
        } catch (ExecutionException e) {
            throw CommandFailure.runtime("cannot create the monitor's topics" + where + ": "
                    + OneLineErrors.oneLine(String.valueOf(e.getCause().getMessage())), e);
        } catch (TimeoutException e) {
            throw CommandFailure.runtime("Kafka" + where + " did not answer within 30s while creating the monitor's topics", e);
        } catch (IllegalArgumentException e) {
            throw CommandFailure.usage(e.getMessage(), e);
        }
    }

    private ObservabilityServer.Binding bindServer(MonitorPlan plan) {
        try {
            return ObservabilityServer.bind(http, defaultHttpPort(), plan);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw CommandFailure.usage(OneLineErrors.oneLine(String.valueOf(e.getMessage())), e);
        }
    }

    private Properties streamsConfig(MonitorPlan plan, TopologyNames names, KafkaTarget target) {
        return withApplicationId(MonitorRuntime.config(plan, target.bootstrapServers(), dataDir.resolve("state"),
                target.embedded(), instanceId(names, dataDir), target.clientConfig()), names);
    }

    /** The application id of {@code names} unless {@code --kafka-config} sets one. */
    private Properties withApplicationId(Properties config, TopologyNames names) {
        if (!kafka.clientSettings().containsKey(StreamsConfig.APPLICATION_ID_CONFIG)) {
            config.put(StreamsConfig.APPLICATION_ID_CONFIG, names.applicationId());
        }
        return config;
    }

    /** Kafka Streams' own validation of the settings, before any broker is started or contacted. */
    private void checkStreamsConfig(MonitorPlan plan, TopologyNames names, Properties overrides) {
        Properties config = withApplicationId(MonitorRuntime.config(plan, "127.0.0.1:9092", dataDir.resolve("state"), true,
                instanceId(names, dataDir), overrides), names);
        try {
            new StreamsConfig(config);
        } catch (ConfigException e) {
            throw CommandFailure.usage("--kafka-config: " + OneLineErrors.oneLine(e.getMessage()), e);
        }
    }

    /**
     * The static-membership id of this instance, {@code <application id>-<host>-<data dir>}: stable
     * across restarts on the same host and data directory (a restarted instance takes its tasks back at
     * once), and distinct for instances sharing a host, which need their own data directories anyway
     * (two members with one {@code group.instance.id} fence each other). The data directory enters as
     * the 8 hex digits of its absolute path's hash.
     */
    static String instanceId(TopologyNames names, Path dataDir) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        String dir = String.format("%08x", dataDir.toAbsolutePath().normalize().toString().hashCode());
        return names.applicationId() + "-" + host + "-" + dir;
    }

    static String status(MonitorCounters c, String state) {
        return status(c, state, c.alertsFiring());
    }

    /** The status line with {@code alertsFiring} in place of the counters' own count. */
    static String status(MonitorCounters c, String state, long alertsFiring) {
        return String.format("entroflow: %s | events in %d, processed %d, dead-lettered %d %s | alerts firing %d",
                state, c.eventsIn(), c.eventsProcessed(), c.eventsDeadLettered(), c.deadLettersByReason(), alertsFiring);
    }
}
