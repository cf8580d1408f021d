package io.entroflow.topology.runtime;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

class ThreadReplacementPolicyTest {
    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        long millis = 1_000_000;

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

    @Test
    void shouldReplaceAThreadThreeTimesForOneErrorThenShutTheClientDownWithOneLine() {
        MovingClock clock = new MovingClock();
        ThreadReplacementPolicy p = new ThreadReplacementPolicy("m", 3, Duration.ofMinutes(10), clock);
        RuntimeException error = new IllegalStateException("broker refused the commit");
        assertThat(p.handle(error)).isEqualTo(REPLACE_THREAD);
        assertThat(p.handle(new IllegalArgumentException("another error"))).isEqualTo(REPLACE_THREAD);
        assertThat(p.handle(error)).isEqualTo(REPLACE_THREAD);
        assertThat(p.handle(error)).isEqualTo(REPLACE_THREAD);
        assertThat(p.shutdownReason()).isEmpty();
        assertThat(p.handle(error)).isEqualTo(SHUTDOWN_CLIENT);
        assertThat(p.shutdownReason()).isEqualTo("monitor 'm' stopped: a stream thread failed 4 times within 10 min"
                + " with the same error: java.lang.IllegalStateException: broker refused the commit");
    }

    @Test
    void shouldForgetFailuresOlderThanTheWindow() {
        MovingClock clock = new MovingClock();
        ThreadReplacementPolicy p = new ThreadReplacementPolicy("m", 3, Duration.ofMinutes(10), clock);
        RuntimeException error = new IllegalStateException("flaky");
        for (int i = 0; i < 10; i++) {
            assertThat(p.handle(error)).isEqualTo(REPLACE_THREAD);
            clock.millis += Duration.ofMinutes(4).toMillis();
        }
    }
}
