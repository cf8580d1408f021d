package io.entroflow.app.deliver;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.entroflow.schemas.wire.JsonSerde;
import io.entroflow.schemas.wire.Notification;

import java.io.IOException;

/** Reads a record of the notifications topic, checking what delivery relies on. */
final class NotificationReader {
    private NotificationReader() {
    }

    /**
     * The notification in {@code value}.
     *
     * @throws IllegalArgumentException one line: a tombstone, not JSON, or {@code id}, {@code to} or
     *                                  {@code payload} missing
     */
    static Notification read(byte[] value) {
        if (value == null) {
            throw new IllegalArgumentException("notification: the record has no value (a tombstone)");
        }
        Notification n;
        try {
            n = JsonSerde.MAPPER.readValue(value, Notification.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("notification: not a notification record: "
                    + String.valueOf(e.getOriginalMessage()).replaceAll("\\s+", " "));
        } catch (IOException e) {
            throw new IllegalArgumentException("notification: " + e.getMessage());
        }
        if (n == null) {
            throw new IllegalArgumentException("notification: the value is JSON null");
        }
        if (n.id() == null || n.id().isEmpty()) {
            throw new IllegalArgumentException("notification: /id: missing");
        }
        if (n.to() == null) {
            throw new IllegalArgumentException("notification " + n.id() + ": /to: missing");
        }
        n.to().kind(); // exactly one destination, else a one-line IllegalArgumentException
        if (n.payload() == null) {
            throw new IllegalArgumentException("notification " + n.id() + ": /payload: missing");
        }
        return n;
    }
}
