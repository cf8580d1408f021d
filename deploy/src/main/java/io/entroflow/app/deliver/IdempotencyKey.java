package io.entroflow.app.deliver;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The {@code Idempotency-Key} header of a notification: the first 128 bits of
 * SHA-256(receiver ‖ 0 ‖ groupKey ‖ 0 ‖ sequence) in hex (32 characters). Every field is fixed when the
 * monitor writes the notification, so every attempt and every redelivery after a restart carries
 * the same key, and two notifications never share one. Cost: one SHA-256 of a few hundred bytes.
 */
public final class IdempotencyKey {
    /** The header's name (the IETF draft's and most payment APIs' spelling). */
    public static final String HEADER = "Idempotency-Key";

    private IdempotencyKey() {
    }

    /**
     * @param receiver the subscription id
     * @param groupKey the notification's group key
     * @param sequence what tells this notification from the group's others (stable on redelivery)
     */
    public static String of(String receiver, String groupKey, String sequence) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        for (String part : new String[] {receiver, groupKey, sequence}) {
            sha.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 16);
    }
}
