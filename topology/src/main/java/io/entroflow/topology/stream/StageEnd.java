package io.entroflow.topology.stream;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The terminal node of a prefix of the monitor topology that stops inside the pipeline
 * ({@link MonitorTopology.Stage#PARSE}, {@link MonitorTopology.Stage#SIGNALS}): counts every record
 * the last stage hands on ({@link MonitorCounters#stageOutputs}) and drops it. Stateless; O(1) per
 * record (one atomic increment); a new instance per task, as Kafka Streams requires.
 */
final class StageEnd implements Processor<Object, Object, Void, Void> {
    private final MonitorCounters counters;

    StageEnd(MonitorCounters counters) {
        this.counters = counters;
    }

    @Override
    public void process(Record<Object, Object> record) {
        counters.countStageOutput();
    }
}
