package io.entroflow.app.it;

import io.entroflow.schemas.wire.JsonSerde;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The committed outputs of one monitor run, in the form two runs are compared in: aggregates per
 * (key, operator) and alert events per (key, rule), each in topic order (one partition per key, so that order
 * is the order the monitor wrote them), and dead letters as a sorted list of their whole content (key,
 * value, headers). How records of different keys or operators interleave is not compared: it depends
 * on partition assignment and on when punctuators ran, not on the data.
 */
record MonitorOutputs(Map<String, List<String>> aggregates, Map<String, List<String>> alerts, List<String> deadLetters,
                      int aggregateCount, int alertCount) {

    /** Reads the committed outputs, waiting for at least the given counts (and 1.5 s of quiet). */
    static MonitorOutputs read(String aggregatesTopic, String alertsTopic, String deadLetterTopic, int aggregates,
                               int alerts, int deadLetters, Duration timeout) {
        return read(SharedBroker.get().clientConfig(), aggregatesTopic, alertsTopic, deadLetterTopic, aggregates, alerts,
                deadLetters, timeout);
    }

    /**
     * {@link #read(String, String, String, int, int, int, Duration)} from the broker of {@code client};
     * aggregates answering on-demand requests are left out (a run without requests has none).
     */
    static MonitorOutputs read(java.util.Properties client, String aggregatesTopic, String alertsTopic, String deadLetterTopic,
                               int aggregates, int alerts, int deadLetters, Duration timeout) {
        List<Map.Entry<String, String>> agg = SharedBroker.readAll(client, aggregatesTopic, aggregates, timeout).stream()
                .filter(e -> !e.getValue().contains("\"trigger\":\"" + io.entroflow.schemas.wire.AggregateRecord.REQUEST + "\""))
                .toList();
        List<Map.Entry<String, String>> alt = SharedBroker.readAll(client, alertsTopic, alerts, timeout);
        List<String> dead = new ArrayList<>(SharedBroker.readAllWithHeaders(client, deadLetterTopic, deadLetters, timeout));
        dead.sort(null);
        return new MonitorOutputs(byKeyAndOperator(agg), byKeyAndRule(alt), dead, agg.size(), alt.size());
    }

    /**
     * These outputs as if written by monitor {@code to} instead of {@code from} (two runs on one broker
     * need distinct monitor names, whose internal topics are named from them): every occurrence of the
     * name replaced, and alert fingerprints (a hash of the labels, which hold the name) removed.
     */
    MonitorOutputs renamed(String from, String to) {
        java.util.function.UnaryOperator<String> f = s -> s.replace(from, to).replaceAll("\"fingerprint\":\"[0-9a-f]*\"", "");
        Map<String, List<String>> agg = new TreeMap<>();
        aggregates.forEach((k, v) -> agg.put(f.apply(k), v.stream().map(f).toList()));
        Map<String, List<String>> alt = new TreeMap<>();
        alerts.forEach((k, v) -> alt.put(f.apply(k), v.stream().map(f).toList()));
        List<String> dead = new ArrayList<>(deadLetters.stream().map(f).toList());
        dead.sort(null);
        return new MonitorOutputs(agg, alt, dead, aggregateCount, alertCount);
    }

    private static Map<String, List<String>> byKeyAndOperator(List<Map.Entry<String, String>> records) {
        Map<String, List<String>> m = new TreeMap<>();
        for (Map.Entry<String, String> r : records) {
            String operator;
            try {
                operator = JsonSerde.MAPPER.readTree(r.getValue()).path("operator").asText();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            m.computeIfAbsent(r.getKey() + " / " + operator, k -> new ArrayList<>()).add(r.getValue());
        }
        return m;
    }

    /** Alert events per (event key, rule): one episode stream each, in the order the monitor wrote them. */
    private static Map<String, List<String>> byKeyAndRule(List<Map.Entry<String, String>> records) {
        Map<String, List<String>> m = new TreeMap<>();
        for (Map.Entry<String, String> r : records) {
            com.fasterxml.jackson.databind.JsonNode labels;
            try {
                labels = JsonSerde.MAPPER.readTree(r.getValue()).path("labels");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            m.computeIfAbsent(labels.path("key").asText() + " / " + labels.path("rule").asText(), k -> new ArrayList<>())
                    .add(r.getValue());
        }
        return m;
    }
}
