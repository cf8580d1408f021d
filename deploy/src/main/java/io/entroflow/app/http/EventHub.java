package io.entroflow.app.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.entroflow.schemas.wire.AggregateRecord;
import io.entroflow.schemas.wire.AlertRecord;
import io.entroflow.schemas.wire.JsonSerde;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Fans a monitor's live outputs out to the server-sent-event streams of {@code /api/stream}: every
 * alert transition to every subscriber, a key's aggregates to the subscribers of that key. Each
 * subscriber has a bounded queue of {@value #QUEUE} frames; one that falls that far behind is marked
 * {@link Subscription#overflowed} and its stream ends (the browser reconnects and reloads the
 * history), so a slow client never holds memory or the publisher. At most {@value #MAX_SUBSCRIBERS}
 * subscribers at once (each holds one HTTP request thread). Thread-safe.
 */
public final class EventHub {
    /** Live streams at once. */
    public static final int MAX_SUBSCRIBERS = 4;
    /** Frames queued per subscriber. */
    public static final int QUEUE = 2_000;

    private final CopyOnWriteArrayList<Subscription> subscribers = new CopyOnWriteArrayList<>();

    /** One live stream: its key (null: alerts only) and its queue of SSE frames. */
    public final class Subscription implements AutoCloseable {
        private final String key;
        private final BlockingQueue<byte[]> frames = new ArrayBlockingQueue<>(QUEUE);
        private volatile boolean overflowed;

        private Subscription(String key) {
            this.key = key;
        }

        /** The frames to send, in order. */
        public BlockingQueue<byte[]> frames() {
            return frames;
        }

        /** True once a frame was dropped because the queue was full: the stream must end. */
        public boolean overflowed() {
            return overflowed;
        }

        private void offer(byte[] frame) {
            if (!frames.offer(frame)) {
                overflowed = true;
            }
        }

        @Override
        public void close() {
            subscribers.remove(this);
        }
    }

    /** A new subscription to {@code key}'s aggregates (null: none) and all alerts, or null when {@link #MAX_SUBSCRIBERS} are open. */
    public synchronized Subscription subscribe(String key) {
        if (subscribers.size() >= MAX_SUBSCRIBERS) {
            return null;
        }
        Subscription s = new Subscription(key);
        subscribers.add(s);
        return s;
    }

    /** Publishes an aggregate to its key's subscribers (event {@code aggregate}). */
    public void publish(AggregateRecord a) {
        byte[] frame = null;
        for (Subscription s : subscribers) {
            if (a.key().equals(s.key)) {
                frame = frame == null ? frame("aggregate", a) : frame;
                s.offer(frame);
            }
        }
    }

    /** Publishes an alert transition to every subscriber (event {@code alert}). */
    public void publish(AlertRecord a) {
        if (subscribers.isEmpty()) {
            return;
        }
        byte[] frame = frame("alert", a);
        subscribers.forEach(s -> s.offer(frame));
    }

    /** One SSE frame: {@code event: <name>}, {@code data: <json on one line>}, blank line. */
    public static byte[] frame(String event, Object body) {
        try {
            return ("event: " + event + "\ndata: " + JsonSerde.MAPPER.writeValueAsString(body) + "\n\n")
                    .getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event " + event + ": not serialisable: " + e.getOriginalMessage(), e);
        }
    }

    /** One SSE frame whose data is already JSON. */
    public static byte[] rawFrame(String event, byte[] json) {
        String data = new String(json, StandardCharsets.UTF_8).replace("\n", "");
        return ("event: " + event + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
