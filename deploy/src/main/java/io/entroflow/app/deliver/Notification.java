package io.entroflow.app.deliver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.entroflow.schemas.wire.JsonSerde;

import java.io.IOException;

/**
 * A notification as the delivery worker sees it: the Alertmanager webhook payload exactly as the
 * monitor wrote it to the notifications topic (sent byte for byte to webhooks), the fields delivery
 * needs from it, and its idempotency key.
 *
 * @param receiver       the payload's {@code receiver}: the subscription id
 * @param groupKey       the payload's {@code groupKey}
 * @param idempotencyKey {@link IdempotencyKey#of} the receiver, group key and sequence
 * @param payload        the record's value, untouched
 * @param body           the payload parsed (its {@code alerts} go to an Alertmanager)
 */
public record Notification(String receiver, String groupKey, String idempotencyKey, byte[] payload, JsonNode body) {
    /**
     * Reads a notification record's value.
     *
     * @param sequence what tells this notification from the others of its group (see {@link IdempotencyKey})
     * @throws IllegalArgumentException one line: not JSON, or {@code receiver}/{@code groupKey}/{@code alerts} missing
     */
    public static Notification read(byte[] value, String sequence) {
        if (value == null) {
            throw new IllegalArgumentException("notification: the record has no value (a tombstone)");
        }
        JsonNode body;
        try {
            body = JsonSerde.MAPPER.readTree(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("notification: not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("notification: not JSON: " + e.getMessage());
        }
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("notification: expected a JSON object (an Alertmanager webhook payload)");
        }
        String receiver = text(body, "receiver");
        String groupKey = text(body, "groupKey");
        if (!body.path("alerts").isArray()) {
            throw new IllegalArgumentException("notification: /alerts: expected an array");
        }
        return new Notification(receiver, groupKey, IdempotencyKey.of(receiver, groupKey, sequence), value, body);
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || !n.isTextual() || n.asText().isEmpty()) {
            throw new IllegalArgumentException("notification: /" + field + ": expected a non-empty string, got "
                    + (n == null ? "nothing" : n.toString()));
        }
        return n.asText();
    }
}
