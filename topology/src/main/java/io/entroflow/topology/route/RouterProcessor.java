package io.entroflow.topology.route;

import io.entroflow.schemas.wire.DeadLetterHeaders;
import io.entroflow.schemas.wire.JsonSerde;
import io.entroflow.schemas.wire.Notification;
import io.entroflow.schemas.wire.Silence;
import io.entroflow.schemas.wire.Subscription;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The router's Kafka Streams node: feeds the {@link Router} the internal input topic, the
 * subscriptions and the silences topics (one partition each, so one task holds all routing state),
 * persists its state write-through in six key-value stores, and forwards each notification to the
 * notifications topic and, for a {@code {topic: T}} subscription, its payload to T, all in the
 * task's transaction. A subscription or silence that does not parse or validate goes to the dead
 * letter topic with reason {@code invalid_subscription} / {@code invalid_silence} and its one-line
 * detail; the router keeps the previous version.
 */
final class RouterProcessor implements Processor<Object, Object, Object, Object> {
    static final List<String> STORES = List.of(Router.QUEUE, Router.SUBSCRIPTIONS, Router.SILENCES, Router.FIRING,
            Router.GROUPS, Router.META);

    private final RoutingPlan plan;
    private final RouteNames names;
    private final Map<String, KeyValueStore<String, byte[]>> stores = new HashMap<>();
    private ProcessorContext<Object, Object> context;
    private Router router;

    RouterProcessor(RoutingPlan plan) {
        this.plan = plan;
        this.names = new RouteNames(plan.monitor());
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        for (String s : STORES) {
            stores.put(s, context.getStateStore(names.store(s)));
        }
    }

    /** The router, rebuilt from the stores on the first record after (re)start. */
    private Router router() {
        if (router == null) {
            router = new Router(plan, this::save, this::send);
            for (String s : STORES) {
                load(s);
            }
        }
        return router;
    }

    private void load(String s) {
        KeyValueStore<String, byte[]> store = stores.get(s);
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> e = it.next();
                router.load(s, e.key, read(e.value, Router.type(s)));
            }
        }
    }

    @Override
    public void process(Record<Object, Object> record) {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
        if (topic.equals(plan.inputTopic())) {
            router().onInput((RouteInput) record.value(), record.timestamp());
        } else if (topic.equals(plan.subscriptionsTopic())) {
            subscription(record);
        } else if (topic.equals(plan.silencesTopic())) {
            silence(record);
        } else {
            throw new IllegalStateException("router: record from unexpected topic '" + topic + "'");
        }
    }

    private void subscription(Record<Object, Object> record) {
        change(record, Subscription.class, Route::of, Subscription::id, router()::onSubscription, "invalid_subscription");
    }

    private void silence(Record<Object, Object> record) {
        change(record, Silence.class, Mute::of, Silence::id, router()::onSilence, "invalid_silence");
    }

    /** A record of a compacted topic: parsed, validated (else dead-lettered with {@code reason}), handed on. */
    private <T> void change(Record<Object, Object> record, Class<T> type, Consumer<T> validate, Function<T, String> id,
                            Change<T> apply, String reason) {
        String key = key(record);
        byte[] value = (byte[]) record.value();
        try {
            if (value == null) {
                apply.apply(requireKey(key), null, record.timestamp());
                return;
            }
            T t = JsonSerde.MAPPER.readValue(value, type);
            validate.accept(t);
            apply.apply(RoutingRecords.sameId(key, id.apply(t)), t, record.timestamp());
        } catch (IOException | IllegalArgumentException e) {
            deadLetter(record, reason, e);
        }
    }

    /** How the router takes a change: id, new value (null: deleted), record time. */
    private interface Change<T> {
        void apply(String id, T value, long time);
    }

    private static String key(Record<Object, Object> record) {
        return record.key() == null ? null : new String((byte[]) record.key(), StandardCharsets.UTF_8);
    }

    private static String requireKey(String key) {
        if (key == null) {
            throw new IllegalArgumentException("key: a tombstone needs the id as its key");
        }
        return key;
    }

    private void deadLetter(Record<Object, Object> record, String reason, Exception e) {
        String detail = e instanceof com.fasterxml.jackson.core.JacksonException j ? "unparsable JSON: " + j.getOriginalMessage()
                : e.getMessage();
        detail = detail == null ? e.toString() : detail.replace('\n', ' ');
        Headers h = new RecordHeaders(record.headers().toArray());
        RecordMetadata m = context.recordMetadata().orElseThrow();
        put(h, DeadLetterHeaders.REASON, reason);
        put(h, DeadLetterHeaders.FIELD, "");
        put(h, DeadLetterHeaders.DETAIL, detail);
        put(h, DeadLetterHeaders.SOURCE_TOPIC, m.topic());
        put(h, DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(m.partition()));
        put(h, DeadLetterHeaders.SOURCE_OFFSET, Long.toString(m.offset()));
        context.forward(new Record<>(record.key(), record.value(), Math.max(0, record.timestamp()), h),
                names.deadLetterSink());
    }

    private static void put(Headers h, String name, String value) {
        h.remove(name);
        h.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private void send(Notification n) {
        context.forward(new Record<>(n.id(), n, n.time()), names.notificationsSink());
        if (n.to().topic() != null) {
            context.forward(new Record<>(n.id(), n, n.time()), names.topicSink());
        }
    }

    private void save(String store, String key, Object value) {
        KeyValueStore<String, byte[]> s = stores.get(store);
        if (value == null) {
            s.delete(key);
        } else {
            try {
                s.put(key, JsonSerde.MAPPER.writeValueAsBytes(value));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static Object read(byte[] bytes, Class<?> type) {
        try {
            return JsonSerde.MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            throw new UncheckedIOException("router store: unreadable " + type.getSimpleName(), e);
        }
    }
}
