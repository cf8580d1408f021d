package io.entroflow.topology.stream;

/**
 * Why an event is dead-lettered.
 *
 * @param reason {@code unparsable}, {@code missing_field}, {@code wrong_type}, {@code not_finite},
 *               {@code out_of_range}, {@code late}, {@code key_too_large} or {@code processing_error}
 * @param field  the offending field's JSON pointer, or a description such as {@code (record key)}
 * @param detail a one-line description
 */
public record BadEvent(String reason, String field, String detail) {
    public static final String UNPARSABLE = "unparsable";
    public static final String MISSING_FIELD = "missing_field";
    public static final String WRONG_TYPE = "wrong_type";
    public static final String NOT_FINITE = "not_finite";
    public static final String OUT_OF_RANGE = "out_of_range";
    public static final String LATE = "late";
    /** The event key is longer than {@code input.max-key-bytes}. */
    public static final String KEY_TOO_LARGE = "key_too_large";
    /** Processing the event threw (the exception's class and message in the detail); see {@link DeadLetterProcessingHandler}. */
    public static final String PROCESSING_ERROR = "processing_error";
}
