package io.entroflow.topology.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.entroflow.schemas.wire.JsonSerde;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Reads on-demand aggregate requests (stateless) and passes each to the operator processors it
 * names. A request is a record on the requests topic: its key is the event key whose aggregates
 * are wanted (absent or empty: every key of the partition's task); its value is empty or a JSON
 * object with an optional {@code operator} name. A request that cannot be read goes to the
 * dead-letter topic with its reason and field, like a bad event, and is counted apart from events.
 */
final class RequestProcessor implements Processor<String, byte[], Object, Object> {
    private final Map<String, String> nodeByOperator;
    private final MonitorCounters counters;
    private final String deadLetter;
    private ProcessorContext<Object, Object> context;

    /**
     * @param nodeByOperator operator name &rarr; its processor node
     * @param deadLetter     the dead-letter sink node
     */
    RequestProcessor(Map<String, String> nodeByOperator, MonitorCounters counters, String deadLetter) {
        this.nodeByOperator = Map.copyOf(nodeByOperator);
        this.counters = counters;
        this.deadLetter = deadLetter;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String operator = null;
        byte[] value = record.value();
        if (value != null && value.length > 0 && !new String(value, StandardCharsets.UTF_8).isBlank()) {
            JsonNode root;
            try {
                root = JsonSerde.MAPPER.readTree(value);
            } catch (IOException e) {
                reject(record, new BadEvent(BadEvent.UNPARSABLE, "", "aggregate request: not JSON"));
                return;
            }
            if (root == null || !root.isObject()) {
                reject(record, new BadEvent(BadEvent.UNPARSABLE, "", "aggregate request: not a JSON object"));
                return;
            }
            JsonNode op = root.get("operator");
            if (op != null && !op.isNull()) {
                if (!op.isTextual() || !nodeByOperator.containsKey(op.asText())) {
                    reject(record, new BadEvent(BadEvent.OUT_OF_RANGE, "/operator", "aggregate request: no operator named "
                            + op + "; operators: " + nodeByOperator.keySet().stream().sorted().toList()));
                    return;
                }
                operator = op.asText();
            }
        }
        String key = record.key() == null || record.key().isEmpty() ? null : record.key();
        counters.countRequest();
        Record<Object, Object> r = new Record<>(key, new AggregateRequest(key, operator), record.timestamp());
        for (String node : operator == null ? List.copyOf(nodeByOperator.values()) : List.of(nodeByOperator.get(operator))) {
            context.forward(r, node);
        }
    }

    private void reject(Record<String, byte[]> record, BadEvent bad) {
        counters.countRejectedRequest();
        RecordMetadata m = context.recordMetadata().orElse(null);
        byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
        context.forward(DeadLetters.record(key, record.value(), record.timestamp(), record.headers(), bad,
                m == null ? "" : m.topic(), m == null ? -1 : m.partition(), m == null ? -1 : m.offset()), deadLetter);
    }
}
