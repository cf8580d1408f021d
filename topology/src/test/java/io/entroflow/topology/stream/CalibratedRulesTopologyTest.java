package io.entroflow.topology.stream;

import io.entroflow.schemas.spec.MonitorSpecLoader;
import io.entroflow.schemas.spec.SpecValidationException;
import io.entroflow.schemas.wire.AlertRecord;
import io.entroflow.schemas.wire.JsonSerde;
import io.entroflow.topology.plan.MonitorPlanner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Conformal and change-point rules through the whole topology: a conformal rule on an entropy
 * operator fires after a planted entropy drop and not before, and not while it warms up; each
 * change-point method fires after a planted mean shift and not before; bad parameters are refused
 * with one line naming the path; a monitor restarted from its stores emits the alert events of an
 * uninterrupted run, byte for byte. Fixed seeds throughout.
 */
class CalibratedRulesTopologyTest {
    private static final String[] KINDS = {"a", "b", "c", "d", "e", "f", "g", "h"};

    private static String entropySpec(String rules) {
        return """
                monitor: m
                input:
                  topics: [events]
                  time: {field: /ts}
                signals:
                  - {name: kind, kind: categorical, field: /kind, values: [a, b, c, d, e, f, g, h]}
                operators:
                  - {name: h, type: entropy, signal: kind, window: {count: 20}}
                aggregates: {interval: 1s}
                rules:
                """ + rules.indent(2);
    }

    private static final String CONFORMAL = """
            - name: kind-collapse
              operator: h
              for: 2s
              conformal: {alpha: 0.01, side: low, calibration: 99}
            """;

    /** Ten events a second, uniform over 8 kinds, then from {@code dropAt} seconds kind a 90% of the time. */
    private static List<String> entropyEvents(long seed, int seconds, int dropAt) {
        Random r = new Random(seed);
        List<String> events = new ArrayList<>();
        for (int i = 0; i < seconds * 10; i++) {
            long ts = i * 100L;
            String kind = ts >= dropAt * 1000L && r.nextDouble() < 0.9 ? "a" : KINDS[r.nextInt(8)];
            events.add("{\"ts\": " + ts + ", \"kind\": \"" + kind + "\"}");
        }
        return events;
    }

    private static List<AlertRecord> run(String yaml, List<String> events) {
        try (MonitorDriver d = new MonitorDriver(yaml)) {
            events.forEach(e -> d.send("k", e, 0));
            return d.alertEvents();
        }
    }

    private static long millis(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void shouldFireAConformalRuleAfterAnEntropyDropAndNotBefore() {
        // 99 calibration values at a stride of 20 events: warm from 198 s; the drop at 300 s
        List<AlertRecord> alerts = run(entropySpec(CONFORMAL), entropyEvents(7, 330, 300));
        assertThat(alerts).isNotEmpty();
        AlertRecord firing = alerts.get(0);
        assertThat(firing.status()).isEqualTo(AlertRecord.FIRING);
        assertThat(millis(firing.startsAt())).isBetween(300_000L, 306_000L);
        assertThat(firing.detection().method()).isEqualTo("conformal");
        assertThat(firing.detection().warmingUp()).isFalse();
        assertThat(firing.detection().pValue()).isLessThanOrEqualTo(0.01);
        assertThat(firing.detection().alpha()).isEqualTo(0.01);
        assertThat(firing.annotations().get("summary")).contains("conformal p = ").contains("99 calibration values");
        assertThat(alerts).filteredOn(a -> a.status().equals(AlertRecord.FIRING)).hasSize(1);
    }

    @Test
    void shouldNotFireAConformalRuleWhileItWarmsUp() {
        // the same drop at 150 s, before the 99th calibration value (198 s): the rule cannot fire yet,
        // and by the time it is warm the low entropy is among its calibration values
        List<AlertRecord> alerts = run(entropySpec(CONFORMAL), entropyEvents(7, 190, 150));
        assertThat(alerts).isEmpty();
    }

    @Test
    void shouldWriteDetectionsThatMatchTheAlertSchema() throws Exception {
        List<AlertRecord> alerts = run(entropySpec(CONFORMAL), entropyEvents(7, 330, 300));
        com.networknt.schema.Schema schema = com.networknt.schema.SchemaRegistry
                .withDefaultDialect(com.networknt.schema.SpecificationVersion.DRAFT_2020_12)
                .getSchema(new String(getClass().getResourceAsStream("/schemas/alert.schema.json").readAllBytes(),
                        StandardCharsets.UTF_8), com.networknt.schema.InputFormat.JSON);
        for (AlertRecord a : alerts) {
            String json = JsonSerde.MAPPER.writeValueAsString(a);
            assertThat(schema.validate(json, com.networknt.schema.InputFormat.JSON)).as(json).isEmpty();
            assertThat(json).contains("\"detection\":{\"method\":\"conformal\"");
        }
    }

    // ---- change points on the probe operator: value = the last raw input, one event a second

    private static String probeSpec(String rule) {
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
                  - name: shift
                    operator: p
                """ + rule.indent(4);
    }

    /** N(0, 1) values for 200 s, then N(3, 1) for 40 s; value i is evaluated by the aggregate at i + 1 s. */
    private static List<AlertRecord> runShift(String rule, long seed) {
        Random r = new Random(seed);
        try (MonitorDriver d = new MonitorDriver(probeSpec(rule))) {
            for (int i = 0; i < 241; i++) {
                double x = r.nextGaussian() + (i >= 200 ? 3 : 0);
                d.send("k", "{\"ts\": " + (i + 1) * 1000 + ", \"x\": " + x + "}", 0);
            }
            return d.alertEvents();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "change-point: {method: cusum, arl0: 1000, baseline: 50}",
        "change-point: {method: page-hinkley, arl0: 1000, baseline: 50}",
        "change-point: {method: shiryaev-roberts, arl0: 1000, baseline: 50, side: high}",
        "change-point: {method: cusum, threshold: 6, baseline: 50, shift: 2}",
        "change-point: {method: bocpd, threshold: 0.5, baseline: 50, hazard: 200, window: 10, cap: 60}",
    })
    void shouldFireAChangePointRuleAfterAPlantedMeanShiftAndNotBefore(String rule) {
        List<AlertRecord> alerts = runShift(rule + "\nkeep-firing-for: 5s", 11);
        assertThat(alerts).isNotEmpty();
        AlertRecord firing = alerts.get(0);
        assertThat(firing.status()).isEqualTo(AlertRecord.FIRING);
        // the shifted values are evaluated from 201 s on
        assertThat(millis(firing.startsAt())).isBetween(201_000L, 215_000L);
        assertThat(firing.detection().warmingUp()).isFalse();
        assertThat(firing.detection().statistic()).isGreaterThanOrEqualTo(firing.detection().threshold());
        assertThat(alerts.get(1).status()).isEqualTo(AlertRecord.RESOLVED);
        assertThat(millis(alerts.get(1).endsAt()) - millis(firing.startsAt())).isBetween(5_000L, 6_000L);
    }

    @Test
    void shouldResolveAChangePointAlarmAtTheNextAggregateByDefault() {
        List<AlertRecord> alerts = runShift("change-point: {method: cusum, arl0: 1000, baseline: 50}", 11);
        assertThat(alerts.get(0).status()).isEqualTo(AlertRecord.FIRING);
        assertThat(millis(alerts.get(1).endsAt()) - millis(alerts.get(0).startsAt())).isEqualTo(1_000L);
    }

    // ---- validation: one line each, naming the path

    private static List<String> errors(String yaml) {
        SpecValidationException e = catchThrowableOfType(SpecValidationException.class,
                () -> new MonitorPlanner(MonitorDriver.testRegistry()).plan("t", MonitorSpecLoader.parse("t", yaml)));
        assertThat(e).as("expected a spec error").isNotNull();
        return e.errors();
    }

    @Test
    void shouldRefuseAnAlphaNoValueCouldReach() {
        assertThat(errors(entropySpec("- {name: r, operator: h, conformal: {alpha: 0.001, side: low, calibration: 99}}")))
                .containsExactly("rules[0].conformal.alpha: 0.001 is below 1/(calibration+1) = 0.0100000 for "
                        + "calibration = 99 and side low: no value could alarm; raise calibration to at least 999");
        assertThat(errors(entropySpec("- {name: r, operator: h, conformal: {alpha: 0.015, calibration: 99}}")))
                .containsExactly("rules[0].conformal.alpha: 0.015 is below 2/(calibration+1) = 0.0200000 for "
                        + "calibration = 99 and side two-sided: no value could alarm; raise calibration to at least 133");
    }

    @Test
    void shouldListConformalAndChangePointErrorsByPath() {
        String yaml = """
                monitor: m
                input: {topics: [events]}
                signals:
                  - {name: kind, kind: categorical, field: /kind, values: [a, b]}
                operators:
                  - {name: d, type: entropy, signal: kind, window: {decay: {half-life: 100}}}
                  - {name: c, type: entropy, signal: kind, window: {count: 50}}
                rules:
                  - {name: r0, operator: d, conformal: {alpha: 0.05, calibration: 99}}
                  - {name: r1, operator: c, conformal: {alpha: 0.05, calibration: 99, stride: 0}}
                  - {name: r2, operator: c, change-point: {method: bocpd, arl0: 500}}
                  - {name: r3, operator: c, change-point: {method: bocpd, side: low}}
                  - {name: r4, operator: c, for: 2s, change-point: {method: cusum}}
                  - {name: r5, operator: c, change-point: {method: cusum, hazard: 10}}
                  - {name: r6, operator: c, change-point: {method: cusum, arl0: 100, threshold: 3}}
                  - {name: r7, operator: c, change-point: {method: shiryaev-roberts, threshold: 0.5}}
                  - {name: r8, operator: c, change-point: {method: bocpd, window: 100, cap: 150}}
                  - {name: r9, operator: c, change-point: {method: median}}
                  - {name: r10, operator: c, conformal: {alpha: 0.05, calibration: 99, stride: 10x}}
                  - {name: r11, operator: d, change-point: {method: cusum}}
                  - {name: r12, operator: c, change-point: {method: cusum, stride: 0}}
                  - {name: r13, operator: d, change-point: {method: cusum, stride: 30s}}
                """;
        SpecValidationException schema = catchThrowableOfType(SpecValidationException.class,
                () -> MonitorSpecLoader.parse("t", yaml));
        assertThat(schema.errors()).contains(
                "rules[1].conformal.stride: must be >= 1, got 0",
                "rules[12].change-point.stride: must be >= 1, got 0",
                "rules[9].change-point.method: must be one of [\"cusum\",\"page-hinkley\",\"shiryaev-roberts\",\"bocpd\"], got \"median\"");
        assertThat(schema.errors()).contains("rules[10].conformal.stride: expected a duration like 500ms, 2s or 1m, got \"10x\"");
        String planned = yaml.replace("stride: 0}", "stride: 10}").replace("{method: median}", "{method: cusum}")
                .replace("stride: 10x", "stride: 5s");
        assertThat(errors(planned)).containsExactly(
                "rules[0].conformal.stride: required: operator 'd' has a decay(half-life 100.0 events) window, whose values "
                        + "always share history; give events (e.g. 1000) or event time (e.g. 30s) between calibration values",
                "rules[2].change-point.arl0: bocpd has no ARL0 approximation: give threshold (p*, e.g. 0.5; "
                        + "docs/alerts.md measures its ARL0)",
                "rules[3].change-point.side: bocpd watches changes in either direction: must be two-sided, got low",
                "rules[4].for: must be 0 for a change-point rule (an alarm is an event; use keep-firing-for), got 2s",
                "rules[5].change-point.hazard: only for method bocpd, got method cusum",
                "rules[6].change-point: give arl0 or threshold, not both",
                "rules[7].change-point.threshold: must be in (1, 1e300) for shiryaev-roberts, got 0.5",
                "rules[8].change-point.cap: must be at least 2*window+1 = 201, got 150",
                "rules[11].change-point.stride: required: operator 'd' has a decay(half-life 100.0 events) window, whose "
                        + "values always share history; give events (e.g. 1000) or event time (e.g. 30s) between detector values");
    }

    // ---- restart from the stores: the same alert events, byte for byte

    @Test
    void shouldEmitTheSameAlertEventsAfterRestartsFromTheStores() throws Exception {
        String yaml = entropySpec(CONFORMAL + """
                - name: kind-change
                  operator: h
                  keep-firing-for: 3s
                  change-point: {method: cusum, arl0: 200, baseline: 30, side: low}
                - name: kind-bocpd
                  operator: h
                  change-point: {method: bocpd, threshold: 0.5, baseline: 30, hazard: 100, window: 5, cap: 40}
                - name: kind-pages
                  operator: h
                  change-point: {method: page-hinkley, arl0: 200, baseline: 30}
                - name: kind-sr
                  operator: h
                  change-point: {method: shiryaev-roberts, arl0: 200, baseline: 30}
                """);
        List<String> events = new ArrayList<>();
        for (String key : new String[] {"k1", "k2"}) {
            entropyEvents(key.hashCode(), 330, key.equals("k1") ? 300 : 250).forEach(e -> events.add(key + "|" + e));
        }
        events.sort((a, b) -> Long.compare(ts(a), ts(b)));
        List<String> uninterrupted = new ArrayList<>();
        try (MonitorDriver d = new MonitorDriver(yaml)) {
            events.forEach(e -> d.send(e.substring(0, 2), e.substring(3), 0));
            for (AlertRecord a : d.alertEvents()) {
                uninterrupted.add(JsonSerde.MAPPER.writeValueAsString(a));
            }
        }
        List<String> restarted = new ArrayList<>();
        Random r = new Random(3);
        MonitorDriver d = new MonitorDriver(yaml);
        try {
            for (int i = 0; i < events.size(); i++) {
                if (r.nextInt(400) == 0) {
                    for (AlertRecord a : d.alertEvents()) {
                        restarted.add(JsonSerde.MAPPER.writeValueAsString(a));
                    }
                    d = d.restarted();
                }
                d.send(events.get(i).substring(0, 2), events.get(i).substring(3), 0);
            }
            for (AlertRecord a : d.alertEvents()) {
                restarted.add(JsonSerde.MAPPER.writeValueAsString(a));
            }
        } finally {
            d.close();
        }
        assertThat(uninterrupted).anyMatch(s -> s.contains("\"cusum\"")).anyMatch(s -> s.contains("\"conformal\""))
                .anyMatch(s -> s.contains("\"bocpd\"")).anyMatch(s -> s.contains("\"page-hinkley\""));
        // a new TopologyTestDriver numbers its input offsets from 0 again (a broker would not): leave them out
        assertThat(withoutOffsets(restarted)).isEqualTo(withoutOffsets(uninterrupted));
    }

    private static List<String> withoutOffsets(List<String> json) {
        return json.stream().map(s -> s.replaceAll("\"offset_from\":\\d+,\"offset_to\":\\d+", "")).toList();
    }

    private static long ts(String keyed) {
        int i = keyed.indexOf("\"ts\": ") + 6;
        return Long.parseLong(keyed.substring(i, keyed.indexOf(',', i)));
    }
}
