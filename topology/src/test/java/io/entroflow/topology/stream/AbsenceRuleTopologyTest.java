package io.entroflow.topology.stream;

import io.entroflow.schemas.wire.AlertRecord;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Absence rules: a key that sends nothing for {@code after} of wall-clock time fires (checked by a
 * WALL_CLOCK_TIME punctuator against an injected clock), and resolves at its next event; a restart
 * does not count its own downtime as silence.
 */
class AbsenceRuleTopologyTest {
    private static final String SPEC = """
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
              - {name: silent, operator: p, severity: critical, absence: {after: 10s}}
            """;

    /** A wall clock the test moves. */
    static final class MutableClock extends Clock {
        private long millis;

        MutableClock(long millis) {
            this.millis = millis;
        }

        void advance(long ms) {
            millis += ms;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }

    /** Moves the injected clock and the driver's wall clock (which triggers the punctuator) together, in 1 s steps. */
    private static void pass(MonitorDriver d, MutableClock clock, long seconds) {
        for (int i = 0; i < seconds; i++) {
            clock.advance(1_000);
            d.driver.advanceWallClockTime(Duration.ofSeconds(1));
        }
    }

    @Test
    void shouldFireForASilentKeyAndResolveAtItsNextEvent() {
        MutableClock clock = new MutableClock(1_000_000);
        try (MonitorDriver d = new MonitorDriver(SPEC, MonitorDriver.testRegistry(), clock)) {
            long ts = 1_000;
            for (int s = 0; s < 5; s++, ts += 1_000) { // both keys talk for 5 s
                d.send("a", "{\"ts\": " + ts + ", \"x\": 1}", 0);
                d.send("b", "{\"ts\": " + ts + ", \"x\": 1}", 0);
                pass(d, clock, 1);
            }
            for (int s = 0; s < 15; s++, ts += 1_000) { // then only b, for 15 s
                d.send("b", "{\"ts\": " + ts + ", \"x\": 1}", 0);
                pass(d, clock, 1);
            }
            List<AlertRecord> alerts = d.alertEvents();
            assertThat(alerts).hasSize(1);
            AlertRecord firing = alerts.get(0);
            assertThat(firing.status()).isEqualTo(AlertRecord.FIRING);
            assertThat(firing.labels()).containsEntry("key", "a").containsEntry("rule", "silent");
            // a was last heard when the aggregate with its last event was evaluated (wall clock 1,004,000 to
            // 1,006,000, depending on the boundary that aggregate closes): 10 s later, within one check (1 s)
            long startsAt = Instant.parse(firing.startsAt()).toEpochMilli();
            assertThat(startsAt).isBetween(1_014_000L, 1_017_000L);
            assertThat(firing.annotations().get("summary")).contains("no event for 10000 ms of wall-clock time");
            // a talks again: resolved at the aggregate of its new event
            d.send("a", "{\"ts\": " + ts + ", \"x\": 1}", 0);
            d.send("b", "{\"ts\": " + (ts + 1_000) + ", \"x\": 1}", 0);
            List<AlertRecord> after = d.alertEvents();
            assertThat(after).extracting(AlertRecord::status).containsExactly("resolved");
            assertThat(after.get(0).fingerprint()).isEqualTo(firing.fingerprint());
        }
    }

    @Test
    void shouldNotCountTheDowntimeOfARestartAsSilence() {
        MutableClock clock = new MutableClock(1_000_000);
        MonitorDriver d = new MonitorDriver(SPEC, MonitorDriver.testRegistry(), clock);
        try {
            d.send("a", "{\"ts\": 1000, \"x\": 1}", 0);
            d.send("a", "{\"ts\": 2000, \"x\": 1}", 0);
            pass(d, clock, 2);
            clock.advance(3_600_000); // an hour down
            d = d.restarted();
            pass(d, clock, 9);
            assertThat(d.alertEvents()).isEmpty();
            pass(d, clock, 2);
            assertThat(d.alertEvents()).extracting(AlertRecord::status).containsExactly("firing");
        } finally {
            d.close();
        }
    }
}
