package io.entroflow.topology.offline;

/**
 * An offline run stopped where Kafka Streams would stop the stream thread: a processing-exception
 * handler answered FAIL (or none is set), or a record cannot be read (for example a negative timestamp).
 */
public final class OfflineRunFailure extends RuntimeException {
    public OfflineRunFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
