package io.entroflow.topology.stream;

import io.entroflow.schemas.wire.JsonSerde;
import io.entroflow.schemas.wire.ParsedEvent;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Kafka Streams' processing exception handler (KIP-1033) for a monitor: an exception thrown while a
 * processor handles a record sends that record to the dead-letter topic with reason
 * {@code processing_error} (detail: the exception's class and message and the failing node; source
 * topic, partition and offset headers as every dead letter) through Kafka Streams' own dead-letter
 * path ({@link Response#resume(List)}, KIP-1034: the record is written in the task's transaction), and
 * processing goes on with the next record. The processors keep their state whole when they throw
 * (they change it only after every check, or drop their cache of the key so it is rebuilt from the
 * store), so nothing is half-applied.
 *
 * <p>Counting ({@link MonitorCounters}): an input event is counted dead-lettered once, whichever node
 * failed, and then not processed, so events in = processed + dead-lettered stays exact. A failure
 * outside an event (an aggregate emitted by a punctuator, an on-demand request) is counted apart.
 * Exceptions in punctuators (no record) fail the stream thread as before (see the runtime's
 * uncaught-exception handler).
 *
 * <p>Configured by {@link #configure(Properties, String, MonitorCounters)}. One instance per stream
 * thread (Kafka Streams instantiates it); stateless apart from its configuration.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {
    /** Config key: the dead-letter topic (String). */
    public static final String DEAD_LETTER_TOPIC = "entroflow.dead-letter.topic";
    /** Config key: the {@link MonitorCounters} to count into (the object itself). */
    public static final String COUNTERS = "entroflow.counters";
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);
    private static final int MAX_DETAIL = 500;

    private String topic;
    private MonitorCounters counters;

    /** Sets this handler and its configuration in a Kafka Streams configuration. */
    public static void configure(Properties streamsConfig, String deadLetterTopic, MonitorCounters counters) {
        streamsConfig.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetterProcessingHandler.class.getName());
        streamsConfig.put(DEAD_LETTER_TOPIC, deadLetterTopic);
        streamsConfig.put(COUNTERS, counters);
    }

    @Override
    public void configure(Map<String, ?> configs) {
        Object t = configs.get(DEAD_LETTER_TOPIC);
        Object c = configs.get(COUNTERS);
        if (!(t instanceof String) || !(c instanceof MonitorCounters)) {
            throw new IllegalArgumentException(DEAD_LETTER_TOPIC + " and " + COUNTERS
                    + ": required (DeadLetterProcessingHandler.configure), got " + t + " and " + c);
        }
        this.topic = (String) t;
        this.counters = (MonitorCounters) c;
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (record == null) {
            return Response.fail(); // a punctuator: no record to set aside
        }
        Throwable cause = exception instanceof StreamsException && exception.getCause() != null
                ? exception.getCause() : exception;
        String detail = cause.getClass().getName() + ": " + firstLine(cause.getMessage())
                + " (in " + context.processorNodeId() + ")";
        if (detail.length() > MAX_DETAIL) {
            detail = detail.substring(0, MAX_DETAIL - 3) + "...";
        }
        Object value = record.value();
        String sourceTopic = context.topic();
        int partition = context.partition();
        long offset = context.offset();
        if (value instanceof ParsedEvent e) {
            sourceTopic = e.topic();
            partition = e.partition();
            offset = e.offset();
        } else if (value instanceof SignalEvent e) {
            sourceTopic = e.topic();
            partition = e.partition();
            offset = e.offset();
        }
        boolean inputEvent = value instanceof byte[] || value instanceof ParsedEvent || value instanceof SignalEvent;
        if (value instanceof AggregateRequest) {
            counters.countRejectedRequest();
        } else {
            counters.countProcessingError(inputEvent);
        }
        LOG.warn("dead-lettering a record of {}/{}@{}: {}", sourceTopic, partition, offset, detail);
        byte[] key = context.sourceRawKey();
        byte[] bytes = context.sourceRawValue();
        if (bytes != null && TopologyNames.isRekeyTopic(context.topic())) { // binary: the event as JSON
            bytes = JsonSerde.of(ParsedEvent.class).serializer().serialize(topic, RekeyedEventSerde.decode(bytes));
        }
        if (bytes == null) {
            bytes = value instanceof byte[] b ? b : value instanceof ParsedEvent e
                    ? JsonSerde.of(ParsedEvent.class).serializer().serialize(topic, e)
                    : String.valueOf(value).getBytes(StandardCharsets.UTF_8);
        }
        Record<byte[], byte[]> dead = DeadLetters.record(key, bytes, context.timestamp(), context.headers(),
                new BadEvent(BadEvent.PROCESSING_ERROR, "", detail), sourceTopic, partition, offset);
        return Response.resume(List.of(new ProducerRecord<>(topic, null, dead.timestamp(), dead.key(), dead.value(),
                dead.headers())));
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.split("\n", 2)[0];
    }
}
