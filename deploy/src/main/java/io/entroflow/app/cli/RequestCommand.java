package io.entroflow.app.cli;

import io.entroflow.schemas.wire.AggregateRecord;
import io.entroflow.schemas.wire.JsonSerde;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.plan.PlannedOperator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import io.entroflow.app.broker.KafkaTarget;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * {@code entroflow request --config SPEC --bootstrap-servers HOST:PORT [--key K] [--operator OP]}:
 * asks a running monitor for its aggregates now. Writes a request to the monitor's requests topic
 * (keyed by {@code --key}, or one record per partition for every key) and prints the answers that
 * appear on the aggregates topic (trigger {@code request}) within {@code --wait}; none is a failure
 * (status 1), which says so instead of ending silently.
 */
@Command(name = "request", mixinStandardHelpOptions = true,
        description = {"Ask a running monitor for its aggregates now (on demand), and print the answers.",
                "The answers also go to the aggregates topic, marked trigger=request.",
                "No answer within --wait (an unknown key, a monitor not running) ends with status 1."})
public final class RequestCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "SPEC",
            description = "Monitor spec (YAML) of the running monitor.")
    Path config;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--key", paramLabel = "KEY",
            description = "The event key whose aggregates are wanted. Default: every key.")
    String key;

    @Option(names = "--operator", paramLabel = "NAME",
            description = "The operator whose aggregates are wanted. Default: every operator.")
    String operator;

    @Option(names = "--wait", defaultValue = "5s", paramLabel = "DURATION",
            description = "How long to print answers. Default 5s.")
    String waitFor;

    private final PrintStream out;

    public RequestCommand() {
        this(System.out, System.err);
    }

    /** @param err unused: errors go through {@link OneLineErrors} */
    public RequestCommand(PrintStream out, PrintStream err) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        MonitorPlan plan = RunCommand.loadPlan("--config", config);
        long waitMillis = CliOptions.millis("--wait", waitFor);
        if (operator != null && plan.operators().stream().map(PlannedOperator::name).noneMatch(operator::equals)) {
            throw CommandFailure.usage("--operator: no operator named '" + operator + "' in " + config
                    + "; operators: " + plan.operators().stream().map(PlannedOperator::name).toList());
        }
        Duration timeout = kafka.connectTimeout();
        Properties client;
        try (KafkaTarget target = kafka.connect()) {
            client = target.clientConfig();
        }
        String requests = plan.spec().aggregates().requests();
        String aggregates = plan.spec().outputs().aggregates();
        byte[] value = operator == null ? new byte[0]
                : JsonSerde.MAPPER.writeValueAsBytes(java.util.Map.of("operator", operator));
        client.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(timeout.toMillis()));
        Properties consumerConfig = new Properties();
        consumerConfig.putAll(client);
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer());
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(client, new StringSerializer(),
                     new ByteArraySerializer())) {
            List<TopicPartition> answers = consumer.partitionsFor(aggregates, timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (answers.isEmpty()) {
                throw CommandFailure.runtime("topic '" + aggregates + "' does not exist on " + client.get("bootstrap.servers")
                        + "; is the monitor of " + config + " running?", null);
            }
            consumer.assign(answers);
            consumer.seekToEnd(answers);
            answers.forEach(consumer::position);
            if (key != null) {
                producer.send(new ProducerRecord<>(requests, key, value)).get();
            } else {
                for (PartitionInfo p : producer.partitionsFor(requests)) {
                    producer.send(new ProducerRecord<>(requests, p.partition(), null, value)).get();
                }
            }
            long deadline = System.nanoTime() + waitMillis * 1_000_000L;
            int answered = 0;
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    AggregateRecord a = JsonSerde.MAPPER.readValue(r.value(), AggregateRecord.class);
                    if (AggregateRecord.REQUEST.equals(a.trigger()) && (key == null || key.equals(a.key()))
                            && (operator == null || operator.equals(a.operator()))) {
                        out.println(new String(r.value(), StandardCharsets.UTF_8));
                        answered++;
                    }
                }
            }
            if (answered == 0) {
                throw CommandFailure.runtime("no answer within " + waitFor + ": monitor '" + plan.monitor() + "' has "
                        + (key == null ? "no keys" : "no state for key '" + key + "'") + ", or is not running", null);
            }
        }
        return 0;
    }
}
