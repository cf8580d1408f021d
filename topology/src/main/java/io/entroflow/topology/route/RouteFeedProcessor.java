package io.entroflow.topology.route;

import io.entroflow.schemas.wire.AlertRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Runs in each task of the monitor, after the operators and the rules: hands every alert
 * transition to the router's input topic with the task's partition and event time, and a heartbeat
 * whenever the task's event time (the largest aggregate time it has seen: aggregates are stamped
 * with the event time they stand for) has moved {@code heartbeatMillis} past the last one, so the
 * router's watermark moves on while no alert fires. The last heartbeat time lives in memory only:
 * after a restart the first aggregate sends one more heartbeat, which moves no watermark backwards
 * and changes no notification. O(1) per record.
 */
final class RouteFeedProcessor implements Processor<String, Object, String, RouteInput> {
    private final long heartbeatMillis;
    private ProcessorContext<String, RouteInput> context;
    private int partition;
    private String key;
    private long eventTime = Long.MIN_VALUE;
    private long lastBeat = Long.MIN_VALUE;

    RouteFeedProcessor(long heartbeatMillis) {
        this.heartbeatMillis = heartbeatMillis;
    }

    @Override
    public void init(ProcessorContext<String, RouteInput> context) {
        this.context = context;
        this.partition = context.taskId().partition();
        this.key = Integer.toString(partition);
    }

    @Override
    public void process(Record<String, Object> record) {
        eventTime = Math.max(eventTime, record.timestamp());
        if (record.value() instanceof AlertRecord alert) {
            context.forward(new Record<>(key, new RouteInput(partition, eventTime, alert), record.timestamp()));
        } else if (lastBeat == Long.MIN_VALUE || eventTime - lastBeat >= heartbeatMillis) {
            lastBeat = eventTime;
            context.forward(new Record<>(key, new RouteInput(partition, eventTime, null), eventTime));
        }
    }
}
