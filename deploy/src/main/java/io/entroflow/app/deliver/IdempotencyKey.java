package io.entroflow.app.deliver;

import io.entroflow.schemas.wire.Notification;

import java.nio.charset.StandardCharsets;

/**
 * The {@code Idempotency-Key} header of a notification: its {@link Notification#id()}
 * ({@code <subscription>/<group fingerprint>/<flush time>}), fixed when the routing stage wrote it, so
 * every attempt and every redelivery after a restart carries the same key, two notifications never
 * share one, and a receiver can look the key up in the notifications topic (the audit log). Bytes of
 * its UTF-8 form outside visible ASCII, and {@code %}, are percent-encoded ({@code %XX}) so that any
 * subscription id fits in an HTTP header. O(length).
 */
public final class IdempotencyKey {
    /** The header's name (the IETF draft's spelling, which most payment and webhook APIs use). */
    public static final String HEADER = "Idempotency-Key";

    private IdempotencyKey() {
    }

    /** The header value of notification {@code n}. */
    public static String of(Notification n) {
        return headerValue(n.id());
    }

    /** {@code id} with bytes outside {@code !}..{@code ~} and {@code %} percent-encoded. */
    static String headerValue(String id) {
        StringBuilder b = new StringBuilder(id.length());
        for (byte x : id.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xFF;
            if (c > 0x20 && c < 0x7F && c != '%') {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return b.toString();
    }
}
