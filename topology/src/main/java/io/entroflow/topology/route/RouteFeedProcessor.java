package io.entroflow.topology.route;

import io.entroflow.schemas.wire.AlertRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.time.Duration;

/**
 * Runs in each task of the monitor after the rules: hands every alert transition to the router's
 * input topic with the task's partition and stream time, and a heartbeat every
 * {@code heartbeatMillis} of stream time, so the router's watermark moves on while no alert fires.
 * Stateless; O(1) per record.
 */
final class RouteFeedProcessor implements Processor<String, AlertRecord, String, RouteInput> {
    private final long heartbeatMillis;
    private ProcessorContext<String, RouteInput> context;
    private int partition;
    private String key;

    RouteFeedProcessor(long heartbeatMillis) {
        this.heartbeatMillis = heartbeatMillis;
    }

    @Override
    public void init(ProcessorContext<String, RouteInput> context) {
        this.context = context;
        this.partition = context.taskId().partition();
        this.key = Integer.toString(partition);
        context.schedule(Duration.ofMillis(heartbeatMillis), PunctuationType.STREAM_TIME, ignored -> {
            long now = context.currentStreamTimeMs();
            context.forward(new Record<>(key, new RouteInput(partition, now, null), now));
        });
    }

    @Override
    public void process(Record<String, AlertRecord> record) {
        long now = Math.max(context.currentStreamTimeMs(), record.timestamp());
        context.forward(new Record<>(key, new RouteInput(partition, now, record.value()), record.timestamp()));
    }
}
