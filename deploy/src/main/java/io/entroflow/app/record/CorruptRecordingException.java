package io.entroflow.app.record;

/** A document of a recording that cannot be decoded (a corrupt or foreign queue). */
public final class CorruptRecordingException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public CorruptRecordingException(String message) {
        super(message);
    }
}
