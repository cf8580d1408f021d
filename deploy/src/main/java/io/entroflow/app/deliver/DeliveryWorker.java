package io.entroflow.app.deliver;

import io.entroflow.schemas.wire.DeadLetterHeaders;
import io.entroflow.schemas.wire.Notification;
import io.entroflow.schemas.wire.Subscription;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivers the notifications the monitor's routing stage writes: consumes the notifications topic
 * (committed records only, consumer group {@link DeliverySettings#groupId()}) and hands each
 * notification to its destination ({@code to}, the subscription's when the notification was made):
 * a webhook or an Alertmanager, with {@link HttpDelivery}; notifications to a topic are the routing
 * stage's own, written in its transactions (nothing to do). A notification's offset is committed only once it is delivered
 * or dead-lettered, one notification at a time in each partition's order.
 *
 * <p><b>Guarantee: at least once, with a stable idempotency key.</b> A worker that stops or crashes
 * between a receiver's answer and the commit delivers that notification again after its restart,
 * with the same {@link IdempotencyKey} header, so a receiver that remembers the keys it took drops
 * the repeat. Exactly once is impossible over HTTP: the receiver's side effect and the offset commit
 * cannot be one atomic step, and a lost answer cannot be told from a lost request.
 *
 * <p><b>Failure.</b> After the last attempt (or at once on an answer that forbids retrying, a 4xx other
 * than 408/425/429), the notification goes to the dead-letter topic, its key and value untouched,
 * with reason {@link #DELIVERY_FAILED}, the last status and error, the URL, the attempts and the
 * idempotency key in its headers. So does a notification whose URL is not one, and a record that is not
 * a notification at all ({@code unparsable}). Nothing stops the worker but {@link #close()}:
 * a Kafka error is logged and the loop resumes after a pause, from the committed offsets.
 *
 * <p>Thread safety: {@link #run()} on one thread; {@link #close()} from any.
 */
public final class DeliveryWorker implements Runnable, AutoCloseable {
    /** Dead-letter reason of a notification no receiver took. */
    public static final String DELIVERY_FAILED = "delivery_failed";
    /** Dead-letter reason of a record of the notifications topic that is not a notification. */
    public static final String UNPARSABLE = "unparsable";
    /** Notifications taken per poll: each may hold the worker for {@link DeliverySettings#longestDelivery()}. */
    static final int MAX_POLL_RECORDS = 20;
    private static final Duration KAFKA_WAIT = Duration.ofSeconds(30);
    private static final Duration PAUSE_AFTER_ERROR = Duration.ofSeconds(5);

    private final DeliverySettings settings;
    private final PrintStream log;
    private final HttpDelivery http;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final KafkaConsumer<String, byte[]> consumer;

    /**
     * @param metrics where the delivery counters go
     * @param log     one line per dead-lettered notification and per Kafka error
     */
    public DeliveryWorker(DeliverySettings settings, DeliveryMetrics metrics, PrintStream log) {
        this.settings = settings;
        this.log = log;
        HttpClient client = HttpClient.newBuilder().connectTimeout(settings.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.http = new HttpDelivery(client, settings.retry(), settings.requestTimeout(), metrics, stop);
        this.consumer = new KafkaConsumer<>(notificationsConsumerConfig(), new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Notifications delivered by this worker since it started. */
    public long delivered() {
        return delivered.get();
    }

    /** Notifications this worker dead-lettered since it started. */
    public long deadLettered() {
        return deadLettered.get();
    }

    @Override
    public void run() {
        try (consumer;
             KafkaProducer<String, byte[]> deadLetters = new KafkaProducer<>(producerConfig(), new StringSerializer(),
                     new ByteArraySerializer())) {
            consumer.subscribe(List.of(settings.notifications()));
            while (stop.getCount() > 0) {
                try {
                    ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(500));
                    deliver(batch, deadLetters);
                } catch (WakeupException e) {
                    // close(): the loop condition ends it
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (KafkaException | ExecutionException e) {
                    if (stop.getCount() == 0) {
                        break;
                    }
                    log.println("entroflow deliver: " + oneLine(e) + "; resuming from the committed offsets in "
                            + PAUSE_AFTER_ERROR.toSeconds() + "s");
                    if (pause()) {
                        break;
                    }
                    rewindToCommitted();
                }
            }
        } finally {
            finished.countDown();
        }
    }

    /** Each partition's records in order; stops at the first that is not finished (stop request, lost partition). */
    private void deliver(ConsumerRecords<String, byte[]> batch, KafkaProducer<String, byte[]> deadLetters) throws InterruptedException, ExecutionException {
        for (TopicPartition tp : batch.partitions()) {
            for (ConsumerRecord<String, byte[]> r : batch.records(tp)) {
                if (!handle(r, deadLetters)) {
                    return;
                }
                try {
                    consumer.commitSync(Map.of(tp, new OffsetAndMetadata(r.offset() + 1)));
                } catch (CommitFailedException e) {
                    // the group moved on without this worker (a rebalance): its new owner delivers the rest again
                    log.println("entroflow deliver: " + oneLine(e) + "; the partition's new owner delivers from "
                            + tp + "@" + (r.offset() + 1));
                    return;
                }
            }
        }
    }

    /** Delivers or dead-letters one record; false when a stop request came first (the record stays uncommitted). */
    private boolean handle(ConsumerRecord<String, byte[]> r, KafkaProducer<String, byte[]> deadLetters)
            throws InterruptedException, ExecutionException {
        Notification n;
        try {
            n = NotificationReader.read(r.value());
        } catch (IllegalArgumentException e) {
            deadLetter(deadLetters, r, UNPARSABLE, "", e.getMessage(), Map.of());
            return true;
        }
        if (Subscription.Target.TOPIC.equals(n.to().kind())) {
            return true;
        }
        Endpoint endpoint;
        try {
            endpoint = Endpoint.of(n.to());
        } catch (IllegalArgumentException e) {
            deadLetter(deadLetters, r, DELIVERY_FAILED, "/to/" + n.to().kind(), e.getMessage(),
                    Map.of(DeadLetterHeaders.IDEMPOTENCY_KEY, IdempotencyKey.of(n)));
            return true;
        }
        HttpDelivery.Outcome outcome = http.deliver(endpoint, n);
        if (outcome.stopped()) {
            return false;
        }
        if (outcome.delivered()) {
            delivered.incrementAndGet();
            return true;
        }
        Attempt last = outcome.last();
        String detail = endpoint.kind() + " " + endpoint.url() + ": " + last.error() + " (attempt " + outcome.attempts()
                + " of " + settings.retry().maxAttempts() + (last.retryable() ? ")" : "; not retried)");
        deadLetter(deadLetters, r, DELIVERY_FAILED, "/to/" + endpoint.kind(), detail, Map.of(
                DeadLetterHeaders.DELIVERY_STATUS, Integer.toString(last.status()),
                DeadLetterHeaders.DELIVERY_ATTEMPTS, Integer.toString(outcome.attempts()),
                DeadLetterHeaders.DELIVERY_URL, endpoint.url().toString(),
                DeadLetterHeaders.IDEMPOTENCY_KEY, IdempotencyKey.of(n)));
        return true;
    }

    private void deadLetter(KafkaProducer<String, byte[]> producer, ConsumerRecord<String, byte[]> r, String reason,
                            String field, String detail, Map<String, String> extra)
            throws InterruptedException, ExecutionException {
        Headers h = new RecordHeaders(r.headers().toArray());
        put(h, DeadLetterHeaders.REASON, reason);
        put(h, DeadLetterHeaders.FIELD, field);
        put(h, DeadLetterHeaders.DETAIL, detail);
        put(h, DeadLetterHeaders.SOURCE_TOPIC, r.topic());
        put(h, DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(r.partition()));
        put(h, DeadLetterHeaders.SOURCE_OFFSET, Long.toString(r.offset()));
        extra.forEach((k, v) -> put(h, k, v));
        producer.send(new ProducerRecord<>(settings.deadLetter(), null, Math.max(0, r.timestamp()), r.key(), r.value(), h)).get();
        deadLettered.incrementAndGet();
        log.println("entroflow deliver: dead-lettered " + r.topic() + "/" + r.partition() + "@" + r.offset() + " ("
                + reason + "): " + detail);
    }

    private static void put(Headers h, String name, String value) {
        h.remove(name);
        h.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** After an error: every assigned partition back to its committed offset (records past it are delivered again). */
    private void rewindToCommitted() {
        try {
            var assigned = consumer.assignment();
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned, KAFKA_WAIT);
            for (TopicPartition tp : assigned) {
                OffsetAndMetadata c = committed.get(tp);
                if (c != null) {
                    consumer.seek(tp, c);
                } else {
                    consumer.seekToBeginning(List.of(tp));
                }
            }
        } catch (KafkaException e) {
            log.println("entroflow deliver: cannot read the committed offsets: " + oneLine(e));
        }
    }

    /** Waits {@link #PAUSE_AFTER_ERROR}; true when stopped meanwhile. */
    private boolean pause() {
        try {
            return stop.await(PAUSE_AFTER_ERROR.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** Stops the loop (a delivery in progress is abandoned uncommitted) and waits up to 30 s for it to close its clients. */
    @Override
    public void close() {
        stop.countDown();
        consumer.wakeup();
        try {
            finished.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Properties clientConfig() {
        Properties p = new Properties();
        p.putAll(settings.client());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return p;
    }

    private Properties notificationsConsumerConfig() {
        Properties p = clientConfig();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(MAX_POLL_RECORDS));
        long batch = settings.longestDelivery().multipliedBy(MAX_POLL_RECORDS).plusMinutes(1).toMillis();
        p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, Long.toString(Math.min(Integer.MAX_VALUE, Math.max(300_000, batch))));
        return p;
    }

    private Properties producerConfig() {
        Properties p = new Properties();
        p.putAll(settings.client());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return p;
    }

    private static String oneLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
        return m.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
