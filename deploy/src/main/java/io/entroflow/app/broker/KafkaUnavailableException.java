package io.entroflow.app.broker;

/**
 * Kafka cannot be used: the given cluster did not answer within the connect timeout or refused the
 * credentials, or the embedded broker could not start. The message is one line naming the address
 * and the reason, fit to show a user as is (the commands print it and exit with status 1).
 */
public final class KafkaUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
