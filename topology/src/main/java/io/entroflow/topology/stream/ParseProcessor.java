package io.entroflow.topology.stream;

import io.entroflow.schemas.wire.ParsedEvent;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Parses and validates each input record (stateless): good events go on keyed by the event key
 * (to the signals processor, or through the re-key topic when the key comes from a field), bad
 * ones to the dead-letter sink with their reason. Through a re-key topic, the event that closes a live
 * aggregate interval is committed at once ({@link IntervalCommits}).
 */
final class ParseProcessor implements Processor<byte[], byte[], Object, Object> {
    private final EventParser parser;
    private final MonitorCounters counters;
    private final String next;
    private final String deadLetter;
    /** Commits a live interval's closing event to the re-key topic at once, or null (no re-key topic). */
    private final IntervalCommits commits;
    private ProcessorContext<Object, Object> context;

    ParseProcessor(EventParser parser, MonitorCounters counters, String next, String deadLetter) {
        this(parser, counters, next, deadLetter, 0);
    }

    /**
     * @param commitIntervalMillis the aggregate interval when {@code next} is the re-key sink: the event that
     *                             closes a live interval is committed at once ({@link IntervalCommits}); 0: never
     */
    ParseProcessor(EventParser parser, MonitorCounters counters, String next, String deadLetter,
                   long commitIntervalMillis) {
        this.parser = parser;
        this.counters = counters;
        this.next = next;
        this.deadLetter = deadLetter;
        this.commits = commitIntervalMillis > 0 ? new IntervalCommits(commitIntervalMillis) : null;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        counters.countIn();
        RecordMetadata m = context.recordMetadata().orElse(null);
        String topic = m == null ? "" : m.topic();
        int partition = m == null ? -1 : m.partition();
        long offset = m == null ? -1 : m.offset();
        EventParser.Outcome o = parser.parse(record.key(), record.value(), record.timestamp(), topic, partition, offset);
        if (o.bad() != null) {
            counters.countDeadLetter(o.bad().reason());
            long stamp = Math.min(record.timestamp(), parser.latestAcceptedTime()); // never a time the broker refuses
            context.forward(DeadLetters.record(record.key(), record.value(), stamp, record.headers(),
                    o.bad(), topic, partition, offset), deadLetter);
            return;
        }
        ParsedEvent e = o.event();
        context.forward(new Record<Object, Object>(e.key(), e, e.time()), next);
        if (commits != null) {
            commits.observe(context, e.time());
        }
    }
}
