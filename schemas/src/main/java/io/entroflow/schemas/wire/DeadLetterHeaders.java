package io.entroflow.schemas.wire;

/**
 * Headers of a dead-letter record (schema {@code /schemas/dead-letter.schema.json}); the record's
 * key and value are the original bytes, untouched. Header values are UTF-8 strings.
 */
public final class DeadLetterHeaders {
    /** Why: {@code unparsable}, {@code missing_field}, {@code wrong_type}, {@code not_finite}, {@code out_of_range}, {@code late}, {@code key_too_large}, {@code processing_error}, {@code delivery_failed} (a notification no receiver took), {@code invalid_subscription}, {@code invalid_silence} (a routing record the router refused). */
    public static final String REASON = "entroflow.reason";
    /** The JSON pointer of the offending field, or empty. */
    public static final String FIELD = "entroflow.field";
    /** A one-line human-readable description. */
    public static final String DETAIL = "entroflow.detail";
    public static final String SOURCE_TOPIC = "entroflow.source.topic";
    public static final String SOURCE_PARTITION = "entroflow.source.partition";
    public static final String SOURCE_OFFSET = "entroflow.source.offset";
    /** {@code delivery_failed}: the last HTTP status ({@code 0}: no answer). */
    public static final String DELIVERY_STATUS = "entroflow.delivery.status";
    /** {@code delivery_failed}: the attempts made. */
    public static final String DELIVERY_ATTEMPTS = "entroflow.delivery.attempts";
    /** {@code delivery_failed}: the URL posted to. */
    public static final String DELIVERY_URL = "entroflow.delivery.url";
    /** {@code delivery_failed}: the notification's {@code Idempotency-Key}. */
    public static final String IDEMPOTENCY_KEY = "entroflow.delivery.idempotency-key";

    private DeadLetterHeaders() {
    }
}
