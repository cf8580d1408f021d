package io.entroflow.topology.stream;

import io.entroflow.schemas.spec.MonitorSpecLoader;
import io.entroflow.schemas.spec.SpecValidationException;
import io.entroflow.schemas.wire.AggregateRecord;
import io.entroflow.schemas.wire.AlertRecord;
import io.entroflow.schemas.wire.JsonSerde;
import io.entroflow.topology.plan.MonitorPlanner;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Conformal rules with {@code fdr} through the whole topology: one online FDR rule per task tests the
 * p-values of all keys; a key with a planted shift fires, the p-values and FDR levels appear in the
 * aggregates' detections (schema-valid), and a monitor restarted from its stores at random points
 * emits the aggregates and alert events of an uninterrupted run, byte for byte (the task's FDR state
 * and its pending tests included; compared as sets, since the interleaving of keys within an interval
 * may differ after a restart while every record is the same).
 */
class OnlineFdrRulesTopologyTest {
    private static final int KEYS = 12;

    private static String spec(String conformal) {
        return """
                monitor: m
                input:
                  topics: [events]
                  time: {field: /ts}
                signals:
                  - {name: x, kind: numeric, field: /x}
                operators:
                  - {name: p, type: probe, signal: x, window: {count: 1}}
                aggregates: {interval: 1s}
                rules:
                  - name: fleet
                    operator: p
                    keep-firing-for: 2s
                    conformal: %s
                """.formatted(conformal);
    }

    // quarantine 30: a shifted value becomes a calibration value 30 tests later (if the rule is inactive then),
    // so the shift keeps p ~ U(0, 1/100) for 30 tests; at the level floor q (1 - decay) = 0.002 each is
    // rejected with probability 0.2
    private static final String FDR = "{side: high, calibration: 99, quarantine: 30, fdr: {q: 0.2, decay: 0.99}}";

    /** One event a second per key, N(0, 1); key k0 shifts by 6 sd from 150 s on. Events in time order, keys in turn. */
    private static List<String[]> events(int seconds) {
        Random r = new Random(5);
        List<String[]> events = new ArrayList<>();
        for (int s = 1; s <= seconds; s++) {
            for (int k = 0; k < KEYS; k++) {
                double x = r.nextGaussian() + (k == 0 && s >= 150 ? 6 : 0);
                events.add(new String[] {"k" + k, "{\"ts\": " + s * 1000 + ", \"x\": " + x + "}"});
            }
        }
        return events;
    }

    @Test
    void shouldFireThePlantedKeyAndPutPValuesAndLevelsInTheAggregates() throws Exception {
        List<AggregateRecord> aggregates;
        List<AlertRecord> alerts;
        try (MonitorDriver d = new MonitorDriver(spec(FDR))) {
            events(200).forEach(e -> d.send(e[0], e[1], 0));
            aggregates = d.aggregates();
            alerts = d.alertEvents();
        }
        List<AlertRecord> firing = alerts.stream().filter(a -> a.status().equals(AlertRecord.FIRING)).toList();
        assertThat(firing).anyMatch(a -> a.labels().get("key").equals("k0")
                && Instant.parse(a.startsAt()).toEpochMilli() >= 150_000);
        AlertRecord k0 = firing.stream().filter(a -> a.labels().get("key").equals("k0")).findFirst().orElseThrow();
        assertThat(k0.detection().fdrLevel()).isNotNull();
        // the key's test at the previous interval was rejected at this level (tests are decided once their interval is complete)
        assertThat(k0.detection().fdrLevel()).isGreaterThanOrEqualTo(0.2 * 0.01 * (1 - 1e-12));
        assertThat(k0.detection().alpha()).isNull();
        assertThat(k0.annotations().get("summary")).contains("online FDR q = 0.2, level ");
        // every aggregate carries the rule's detection: warming up for the first 99 calibration values, then tested
        assertThat(aggregates).allSatisfy(a -> assertThat(a.detections()).hasSize(1));
        assertThat(aggregates).filteredOn(a -> a.time() <= 99_000)
                .allSatisfy(a -> assertThat(a.detections().get(0).warmingUp()).isTrue());
        List<AggregateRecord> tested = aggregates.stream().filter(a -> a.detections().get(0).fdrLevel() != null).toList();
        assertThat(tested).isNotEmpty().allSatisfy(a -> {
            assertThat(a.detections().get(0).rule()).isEqualTo("fleet");
            assertThat(a.detections().get(0).pValue()).isBetween(0.0, 1.0);
            assertThat(a.detections().get(0).fdrLevel()).isGreaterThanOrEqualTo(0.2 * 0.01 * (1 - 1e-12));
        });
        // false discoveries among the 11 null keys: few (the level floor is 0.002 per test, 11 x 70 tests)
        assertThat(firing.stream().filter(a -> !a.labels().get("key").equals("k0")).count()).isLessThanOrEqualTo(8);
        com.networknt.schema.Schema schema = com.networknt.schema.SchemaRegistry
                .withDefaultDialect(com.networknt.schema.SpecificationVersion.DRAFT_2020_12)
                .getSchema(new String(getClass().getResourceAsStream("/schemas/aggregate.schema.json").readAllBytes(),
                        StandardCharsets.UTF_8), com.networknt.schema.InputFormat.JSON);
        // (the test-only probe reports (int) value as its regime: negative values are not schema-valid regimes)
        for (AggregateRecord a : aggregates.subList(aggregates.size() - 50, aggregates.size()).stream()
                .filter(a -> a.regime() >= 0).toList()) {
            String json = JsonSerde.MAPPER.writeValueAsString(a);
            assertThat(schema.validate(json, com.networknt.schema.InputFormat.JSON)).as(json).isEmpty();
            assertThat(json).contains("\"detections\":[{\"method\":\"conformal\"");
        }
    }

    @Test
    void shouldEmitTheSameAggregatesAndAlertsAfterRestartsFromTheStores() throws Exception {
        List<String[]> events = events(200);
        List<String> uninterrupted = new ArrayList<>();
        try (MonitorDriver d = new MonitorDriver(spec(FDR))) {
            events.forEach(e -> d.send(e[0], e[1], 0));
            drain(d, uninterrupted);
        }
        List<String> restarted = new ArrayList<>();
        Random r = new Random(9);
        MonitorDriver d = new MonitorDriver(spec(FDR));
        int restarts = 0;
        try {
            for (String[] e : events) {
                if (r.nextInt(500) == 0) {
                    drain(d, restarted);
                    d = d.restarted();
                    restarts++;
                }
                d.send(e[0], e[1], 0);
            }
            drain(d, restarted);
        } finally {
            d.close();
        }
        assertThat(restarts).isGreaterThanOrEqualTo(2);
        assertThat(uninterrupted).anyMatch(s -> s.contains("\"status\":\"firing\""))
                .anyMatch(s -> s.contains("\"fdr_level\""));
        // how the keys' aggregates of one interval interleave can differ after a restart: compare them sorted
        assertThat(withoutOffsets(restarted).stream().sorted().toList())
                .isEqualTo(withoutOffsets(uninterrupted).stream().sorted().toList());
    }

    private static void drain(MonitorDriver d, List<String> out) throws Exception {
        for (AggregateRecord a : d.aggregates()) {
            out.add(JsonSerde.MAPPER.writeValueAsString(a));
        }
        for (AlertRecord a : d.alertEvents()) {
            out.add(JsonSerde.MAPPER.writeValueAsString(a));
        }
    }

    /**
     * Without input offsets (a new TopologyTestDriver numbers them from 0 again) and the window's start and
     * event count (the test-only probe operator keeps its first event time and count in memory, not in a
     * checkpoint; its value, and so every p-value, decision and alert, is restored).
     */
    private static List<String> withoutOffsets(List<String> json) {
        return json.stream().map(s -> s.replaceAll("\"offset_from\":\\d+,\"offset_to\":\\d+", "")
                .replaceAll("\"window_start\":\\d+", "").replaceAll("\"events\":\\d+", "")).toList();
    }

    @Test
    void shouldRefuseBadFdrParametersWithOneLineNamingThePath() {
        assertThat(errors(spec("{calibration: 99, alpha: 0.05, fdr: {q: 0.1}}")))
                .containsExactly("rules[0].conformal.alpha: not used with fdr (the FDR rule gives each test its level): "
                        + "remove alpha or fdr");
        assertThat(errors(spec("{calibration: 99}")))
                .containsExactly("rules[0].conformal: give alpha (each key tested at alpha) or fdr (online FDR control "
                        + "across keys)");
        assertThat(errors(spec("{calibration: 9, fdr: {q: 0.05}}"))).containsExactly("rules[0].conformal.fdr.q: "
                + "q*eta*(calibration+1) = 0.5000 must be > 1 for the default decay (level floor 1/(calibration+1)): "
                + "raise calibration to at least 20 or give decay");
        SpecValidationException schema = catchThrowableOfType(SpecValidationException.class,
                () -> MonitorSpecLoader.parse("t", spec("{calibration: 99, fdr: {q: 1.5}}")));
        assertThat(schema.errors()).anyMatch(s -> s.startsWith("rules[0].conformal.fdr.q: "));
    }

    private static List<String> errors(String yaml) {
        SpecValidationException e = catchThrowableOfType(SpecValidationException.class,
                () -> new MonitorPlanner(MonitorDriver.testRegistry()).plan("t", MonitorSpecLoader.parse("t", yaml)));
        assertThat(e).as("expected a spec error").isNotNull();
        return e.errors();
    }
}
