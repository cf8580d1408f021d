package io.entroflow.app.demo;

import io.entroflow.schemas.wire.AlertRecord;
import io.entroflow.topology.stream.MonitorDriver;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code deploy/examples/demo-calibrated.yaml} (conformal and change-point rules) on the demo stream:
 * every planted change detected, and on the null stream ({@code generate demo --no-changes}) at most
 * {@link #MAX_FALSE_ALARMS} false alarms per run (docs/alerts.md, "The calibrated demo", has the
 * measured counts). The CUSUM rule on the transfer entropy (its detector on non-overlapping windows)
 * raises no false alarm at all: on the null streams and on the in-control part of the planted ones
 * (every key before the coupling, every key but svc-b after it).
 */
class CalibratedDemoSpecTopologyTest {
    /** The bound asserted per run of 120 s on the null stream (4 keys). */
    static final int MAX_FALSE_ALARMS = 2;

    static String spec() throws IOException {
        Path p = Path.of("../deploy/examples/demo-calibrated.yaml");
        return Files.readString(Files.exists(p) ? p : Path.of("deploy/examples/demo-calibrated.yaml"));
    }

    /** The score of one run and its FIRING records. */
    private record Run(DemoScore score, List<AlertRecord> firings, DemoStream stream) {
        /** FIRINGs of the CUSUM rule other than svc-b's at or after the planted coupling. */
        List<AlertRecord> changePointFalseAlarms() {
            long couplingAt = stream.planted().stream().filter(p -> p.rule().equals(COUPLING_RULE))
                    .mapToLong(DemoStream.Planted::at).findFirst().orElse(Long.MAX_VALUE);
            return firings.stream().filter(a -> a.labels().get("rule").equals(COUPLING_RULE))
                    .filter(a -> !(a.labels().get("key").equals("svc-b")
                            && Instant.parse(a.startsAt()).toEpochMilli() >= couplingAt)).toList();
        }
    }

    private static final String COUPLING_RULE = "xy-coupling";

    private static Run run(long seed, int seconds, int rate, boolean changes) throws IOException {
        DemoStream stream = new DemoStream(seed, 1_700_000_000_000L, seconds * 1000L, rate, changes);
        try (MonitorDriver d = new MonitorDriver(spec())) {
            while (stream.hasNext()) {
                DemoStream.Event e = stream.next();
                d.send(e.key(), e.json(), e.time());
            }
            List<AlertRecord> alerts = d.alertEvents();
            alerts.stream().filter(a -> a.status().equals(AlertRecord.FIRING))
                    .forEach(a -> System.out.println("  firing: " + a.labels().get("rule") + " " + a.labels().get("key")
                            + " at " + a.startsAt() + " " + a.detection()));
            assertThat(d.counters.eventsDeadLettered()).isZero();
            return new Run(DemoScore.score(stream.planted(), alerts, stream.size()),
                    alerts.stream().filter(a -> a.status().equals(AlertRecord.FIRING)).toList(), stream);
        }
    }

    @ParameterizedTest(name = "seed {0}, {1} s at {2}/s")
    @CsvSource({"7, 120, 200", "8, 120, 200", "9, 180, 200"})
    void shouldDetectEveryPlantedChange(long seed, int seconds, int rate) throws IOException {
        Run run = run(seed, seconds, rate, true);
        DemoScore score = run.score();
        System.out.print(score.table());
        assertThat(score.rows()).hasSize(3).allSatisfy(r -> {
            assertThat(r.detected()).as(r.kind()).isTrue();
            assertThat(r.delayMs()).as(r.kind()).isLessThan(5_000L);
        });
        assertThat(score.falseAlarms()).isLessThanOrEqualTo(MAX_FALSE_ALARMS);
        assertThat(run.changePointFalseAlarms()).isEmpty();
    }

    @ParameterizedTest(name = "null stream, seed {0}, {1} s at {2}/s")
    @CsvSource({"7, 120, 200", "8, 120, 200", "9, 120, 200", "1, 120, 200", "2, 120, 200"})
    void shouldRaiseFewFalseAlarmsOnTheNullStream(long seed, int seconds, int rate) throws IOException {
        Run run = run(seed, seconds, rate, false);
        DemoScore score = run.score();
        System.out.println("null stream seed " + seed + ": false alarms " + score.falseAlarms());
        assertThat(score.rows()).isEmpty();
        assertThat(score.falseAlarms()).isLessThanOrEqualTo(MAX_FALSE_ALARMS);
        assertThat(run.changePointFalseAlarms()).isEmpty();
    }
}
