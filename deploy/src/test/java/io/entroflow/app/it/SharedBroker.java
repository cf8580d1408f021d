package io.entroflow.app.it;

import io.entroflow.app.broker.EmbeddedKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** One embedded KRaft broker shared by the integration tests of this JVM, closed at JVM exit. */
final class SharedBroker {
    private static EmbeddedKafka broker;

    private SharedBroker() {
    }

    static synchronized EmbeddedKafka get() {
        if (broker == null) {
            try {
                broker = EmbeddedKafka.start(Files.createTempDirectory("entroflow-it-kafka"), Duration.ofSeconds(90));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            EmbeddedKafka b = broker;
            Runtime.getRuntime().addShutdownHook(new Thread(b::close));
        }
        return broker;
    }

    /**
     * Every record of {@code topic} (all partitions, from the start) as (key, value) strings, reading
     * until at least {@code atLeast} records arrived and nothing new came for 1.5 s, or {@code timeout}.
     */
    static List<Map.Entry<String, String>> readAll(String topic, boolean committedOnly, int atLeast, Duration timeout) {
        return read(topic, committedOnly, atLeast, timeout, false);
    }

    /** Like {@link #readAll} but returns as soon as {@code atLeast} records arrived. */
    static List<Map.Entry<String, String>> readAtLeast(String topic, boolean committedOnly, int atLeast, Duration timeout) {
        return read(topic, committedOnly, atLeast, timeout, true);
    }

    private static List<Map.Entry<String, String>> read(String topic, boolean committedOnly, int atLeast,
                                                        Duration timeout, boolean early) {
        return read(get().clientConfig(), topic, committedOnly, atLeast, timeout, early);
    }

    /**
     * {@link #readAtLeast} from any broker: {@code client} holds {@code bootstrap.servers} and any
     * security settings.
     */
    static List<Map.Entry<String, String>> readAtLeast(Properties client, String topic, int atLeast, Duration timeout) {
        return read(client, topic, true, atLeast, timeout, true);
    }

    private static List<Map.Entry<String, String>> read(Properties client, String topic, boolean committedOnly, int atLeast,
                                                        Duration timeout, boolean early) {
        return read(client, topic, committedOnly, atLeast, timeout, early,
                r -> Map.entry(r.key() == null ? "" : r.key(), r.value() == null ? "" : r.value()));
    }

    /**
     * Every record of {@code topic} (committed only) as one line {@code key | value | header=value, ...}
     * (headers in the record's order), read as {@link #readAll} does: for comparing records by content.
     */
    static List<String> readAllWithHeaders(String topic, int atLeast, Duration timeout) {
        return readAllWithHeaders(get().clientConfig(), topic, atLeast, timeout);
    }

    /** {@link #readAll} (committed only) from any broker: {@code client} holds {@code bootstrap.servers}. */
    static List<Map.Entry<String, String>> readAll(Properties client, String topic, int atLeast, Duration timeout) {
        return read(client, topic, true, atLeast, timeout, false);
    }

    /** {@link #readAllWithHeaders(String, int, Duration)} from any broker. */
    static List<String> readAllWithHeaders(Properties client, String topic, int atLeast, Duration timeout) {
        return read(client, topic, true, atLeast, timeout, false, r -> {
            StringBuilder b = new StringBuilder().append(r.key()).append(" | ").append(r.value()).append(" |");
            for (var h : r.headers()) {
                b.append(' ').append(h.key()).append('=').append(new String(h.value(), java.nio.charset.StandardCharsets.UTF_8));
            }
            return b.toString();
        });
    }

    private static <T> List<T> read(Properties client, String topic, boolean committedOnly, int atLeast,
                                    Duration timeout, boolean early,
                                    java.util.function.Function<ConsumerRecord<String, String>, T> line) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, committedOnly ? "read_committed" : "read_uncommitted");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<T> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            long deadline = System.nanoTime() + timeout.toNanos();
            List<TopicPartition> parts = List.of();
            while (parts.isEmpty() && System.nanoTime() < deadline) {
                parts = c.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                        .map(i -> new TopicPartition(topic, i.partition())).toList();
                if (parts.isEmpty()) {
                    sleep(200);
                }
            }
            if (parts.isEmpty()) {
                return out;
            }
            c.assign(parts);
            c.seekToBeginning(parts);
            long quietSince = System.nanoTime();
            while (System.nanoTime() < deadline) {
                var records = c.poll(Duration.ofMillis(200));
                for (ConsumerRecord<String, String> r : records) {
                    out.add(line.apply(r));
                }
                if (early && out.size() >= atLeast) {
                    break;
                }
                if (!records.isEmpty()) {
                    quietSince = System.nanoTime();
                } else if (out.size() >= atLeast && System.nanoTime() - quietSince > 1_500_000_000L) {
                    break;
                }
            }
        }
        return out;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
