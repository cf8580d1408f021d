package io.entroflow.app.cli;

import io.entroflow.schemas.wire.AggregateRecord;
import io.entroflow.schemas.wire.JsonSerde;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.plan.PlannedOperator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.FileReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
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
 * appear on the aggregates topic (trigger {@code request}) within {@code --wait}.
 */
@Command(name = "request", mixinStandardHelpOptions = true,
        description = {"Ask a running monitor for its aggregates now (on demand), and print the answers.",
                "The answers also go to the aggregates topic, marked trigger=request."})
public final class RequestCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, description = "Monitor spec (YAML) of the running monitor.")
    Path config;

    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers, HOST:PORT[,...] (else from --kafka-config).")
    String bootstrapServers;

    @Option(names = "--kafka-config", description = "Kafka client properties file (SASL, SSL).")
    Path kafkaConfig;

    @Option(names = "--key", description = "The event key whose aggregates are wanted. Default: every key.")
    String key;

    @Option(names = "--operator", description = "The operator whose aggregates are wanted. Default: every operator.")
    String operator;

    @Option(names = "--wait", defaultValue = "5s", description = "How long to print answers. Default 5s.")
    String waitFor;

    private final PrintStream out;
    private final PrintStream err;

    RequestCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        MonitorPlan plan;
        Properties client = new Properties();
        long waitMillis;
        try {
            plan = RunCommand.loadPlan(config);
            waitMillis = io.entroflow.schemas.spec.Durations.parseMillis("--wait", waitFor);
            if (operator != null && plan.operators().stream().map(PlannedOperator::name).noneMatch(operator::equals)) {
                throw new IllegalArgumentException("--operator: no operator named '" + operator + "' in " + config
                        + "; operators: " + plan.operators().stream().map(PlannedOperator::name).toList());
            }
            if (kafkaConfig != null) {
                try (FileReader r = new FileReader(kafkaConfig.toFile(), StandardCharsets.UTF_8)) {
                    client.load(r);
                }
            }
            if (bootstrapServers != null) {
                client.put("bootstrap.servers", bootstrapServers);
            }
            if (client.getProperty("bootstrap.servers") == null) {
                throw new IllegalArgumentException("--bootstrap-servers: required (the running monitor's Kafka cluster)");
            }
        } catch (UncheckedIOException | IllegalArgumentException | IOException e) {
            err.println("entroflow request: " + e.getMessage());
            return 2;
        }
        String requests = plan.spec().aggregates().requests();
        String aggregates = plan.spec().outputs().aggregates();
        byte[] value = operator == null ? new byte[0]
                : JsonSerde.MAPPER.writeValueAsBytes(java.util.Map.of("operator", operator));
        Properties consumerConfig = new Properties();
        consumerConfig.putAll(client);
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer());
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(client, new StringSerializer(),
                     new ByteArraySerializer())) {
            List<TopicPartition> answers = consumer.partitionsFor(aggregates, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
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
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    AggregateRecord a = JsonSerde.MAPPER.readValue(r.value(), AggregateRecord.class);
                    if (AggregateRecord.REQUEST.equals(a.trigger()) && (key == null || key.equals(a.key()))
                            && (operator == null || operator.equals(a.operator()))) {
                        out.println(new String(r.value(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return 0;
    }
}
