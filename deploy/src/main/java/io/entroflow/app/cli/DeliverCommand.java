package io.entroflow.app.cli;

import io.entroflow.app.broker.KafkaTarget;
import io.entroflow.app.deliver.DeliveryMetrics;
import io.entroflow.app.deliver.DeliverySettings;
import io.entroflow.app.deliver.DeliveryWorker;
import io.entroflow.topology.plan.MonitorPlan;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * {@code entroflow deliver --config SPEC --bootstrap-servers HOST:PORT [delivery options]}: runs only
 * the delivery worker of a routing monitor (as {@code run} does beside the monitor), until stopped:
 * the notifications for webhooks and Alertmanagers, at least once, with retries and dead letters.
 */
@Command(name = "deliver", mixinStandardHelpOptions = true,
        description = {"Deliver a routing monitor's notifications to webhooks and Alertmanagers until stopped.",
                "The run command does this itself unless started with --no-delivery. Delivery is at least once, "
                        + "with an Idempotency-Key header."})
public final class DeliverCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "SPEC", description = "Monitor spec (YAML) of the routing monitor.")
    Path config;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    DeliveryOptions delivery;

    private final PrintStream err;

    public DeliverCommand() {
        this(System.out, System.err);
    }

    /** @param out unused: {@code deliver} writes its progress lines to {@code err} */
    public DeliverCommand(PrintStream out, PrintStream err) {
        this.err = err;
    }

    @Override
    public Integer call() throws InterruptedException {
        MonitorPlan plan = RunCommand.loadPlan("--config", config);
        delivery.settings(plan, new Properties()); // every option checked before Kafka is contacted
        kafka.connectTimeout();
        Properties client;
        try (KafkaTarget target = kafka.connect()) {
            client = target.clientConfig();
        }
        DeliverySettings settings = delivery.settings(plan, client);
        try (StopOnShutdown shutdown = StopOnShutdown.register("entroflow-deliver-shutdown", Duration.ofSeconds(40));
             DeliveryWorker worker = new DeliveryWorker(settings, new DeliveryMetrics(new SimpleMeterRegistry()), err)) {
            shutdown.stopWith(worker::close);
            err.println("entroflow: delivering the notifications of " + settings.notifications() + " (consumer group "
                    + settings.groupId() + "); stop with Ctrl-C or SIGTERM");
            Thread thread = new Thread(worker, "entroflow-delivery");
            thread.start();
            try {
                thread.join();
            } catch (InterruptedException e) {
                worker.close();
                Thread.currentThread().interrupt();
            }
            err.println("entroflow: delivered " + worker.delivered() + ", dead-lettered " + worker.deadLettered());
        }
        return 0;
    }
}
