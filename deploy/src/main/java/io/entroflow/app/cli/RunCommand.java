package io.entroflow.app.cli;

import io.entroflow.schemas.spec.MonitorSpec;
import io.entroflow.schemas.spec.MonitorSpecLoader;
import io.entroflow.schemas.spec.SpecValidationException;
import io.entroflow.topology.operator.OperatorRegistry;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.plan.MonitorPlanner;
import io.entroflow.app.broker.KafkaTarget;
import io.entroflow.app.http.HttpOptions;
import io.entroflow.app.http.ObservabilityServer;
import io.entroflow.topology.runtime.MonitorRuntime;
import io.entroflow.topology.runtime.Topics;
import io.entroflow.topology.stream.MonitorCounters;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code entroflow run --config SPEC [--bootstrap-servers HOST:PORT] [--kafka-config FILE]}: runs a
 * monitor until stopped (SIGTERM or Ctrl-C shut it down gracefully).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a monitor spec as a Kafka Streams application until stopped.",
                "Without --bootstrap-servers, starts an embedded single-node Kafka broker on 127.0.0.1",
                "with its data under --data-dir (reused on the next start)."})
public final class RunCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, description = "Monitor spec (YAML).")
    Path config;

    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers, HOST:PORT[,...].")
    String bootstrapServers;

    @Option(names = "--kafka-config", description = "Kafka client/Streams properties file (SASL, SSL, overrides).")
    Path kafkaConfig;

    @Option(names = "--data-dir", defaultValue = ".entroflow", description = "Local state and embedded broker data. Default .entroflow.")
    Path dataDir;

    @Option(names = "--status-every", defaultValue = "5s", description = "Status line interval. Default 5s.")
    String statusEvery;

    @Mixin
    HttpOptions http = new HttpOptions();

    private final PrintStream out = System.out;
    private final PrintStream err = System.err;

    @Override
    public Integer call() throws Exception {
        MonitorPlan plan;
        try {
            plan = loadPlan(config);
        } catch (SpecValidationException e) {
            err.println("entroflow run: " + e.getMessage());
            return 2;
        } catch (UncheckedIOException | IllegalArgumentException e) {
            err.println("entroflow run: " + e.getMessage());
            return 2;
        }
        long statusMillis = io.entroflow.schemas.spec.Durations.parseMillis("--status-every", statusEvery);
        CountDownLatch stopped = new CountDownLatch(1);
        try (KafkaTarget kafka = KafkaTarget.open(bootstrapServers, kafkaConfig, dataDir, err)) {
            try (Admin admin = Admin.create(kafka.clientConfig())) {
                Topics.create(admin, plan, kafka.embedded(), 1);
            }
            MonitorRuntime runtime = new MonitorRuntime(plan, MonitorRuntime.config(plan, kafka.bootstrapServers(),
                    dataDir.resolve("state"), kafka.embedded(), instanceId(plan), kafka.clientConfig()));
            ObservabilityServer server;
            try {
                server = ObservabilityServer.start(http, 8080, runtime, plan, kafka.clientConfig());
            } catch (IllegalArgumentException | UncheckedIOException e) {
                runtime.close();
                err.println("entroflow run: " + e.getMessage());
                return 2;
            }
            err.println(server.describe());
            Thread hook = new Thread(() -> {
                server.close();
                runtime.close();
                kafka.close();
                stopped.countDown();
            }, "entroflow-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            runtime.start();
            err.println("entroflow: monitor '" + plan.monitor() + "' running on " + kafka.bootstrapServers()
                    + " (input " + plan.spec().input().topics() + "); stop with Ctrl-C or SIGTERM");
            while (!stopped.await(statusMillis, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                err.println(status(runtime.counters(), runtime.state().toString()));
            }
        }
        return 0;
    }

    /** Loads, validates and plans a spec with the standard operators. */
    static MonitorPlan loadPlan(Path file) {
        MonitorSpec spec = MonitorSpecLoader.load(file);
        return new MonitorPlanner(OperatorRegistry.standard()).plan(file.toString(), spec);
    }

    static String instanceId(MonitorPlan plan) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        return "entroflow-" + plan.monitor() + "-" + host;
    }

    static String status(MonitorCounters c, String state) {
        return String.format("entroflow: %s | events in %d, processed %d, dead-lettered %d %s | alerts firing %d",
                state, c.eventsIn(), c.eventsProcessed(), c.eventsDeadLettered(), c.deadLettersByReason(), c.alertsFiring());
    }
}
