package io.entroflow.app.deliver;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {
    private static final RetryPolicy POLICY = new RetryPolicy(8, Duration.ofMillis(100), Duration.ofSeconds(1), 0.5, 42);

    @Test
    void shouldDoubleEachWaitUpToTheLongestWithinTheJitterBand() {
        long[] bases = {100, 200, 400, 800, 1000, 1000, 1000};
        for (long key = 0; key < 200; key++) {
            for (int failures = 1; failures <= bases.length; failures++) {
                long base = bases[failures - 1] * 1_000_000L;
                assertThat(POLICY.delay(failures, key).toNanos()).as("failures %d key %d", failures, key)
                        .isBetween(base / 2, base);
            }
        }
    }

    @Test
    void shouldWaitExactlyTheBaseWithoutJitter() {
        RetryPolicy exact = new RetryPolicy(4, Duration.ofMillis(100), Duration.ofMillis(250), 0, 7);
        assertThat(exact.delay(1, 99)).isEqualTo(Duration.ofMillis(100));
        assertThat(exact.delay(2, 99)).isEqualTo(Duration.ofMillis(200));
        assertThat(exact.delay(3, 99)).isEqualTo(Duration.ofMillis(250));
        assertThat(exact.longestTotalWait()).isEqualTo(Duration.ofMillis(550));
    }

    @Test
    void shouldRepeatTheScheduleOfANotificationAndSpreadDifferentOnes() {
        Set<Duration> firstWaits = new HashSet<>();
        for (long key = 0; key < 50; key++) {
            assertThat(POLICY.delay(3, key)).isEqualTo(POLICY.delay(3, key));
            firstWaits.add(POLICY.delay(1, key));
        }
        assertThat(firstWaits).as("jitter spreads notifications that failed together").hasSizeGreaterThan(40);
        RetryPolicy otherSeed = new RetryPolicy(8, Duration.ofMillis(100), Duration.ofSeconds(1), 0.5, 43);
        assertThat(otherSeed.delay(1, 5)).isNotEqualTo(POLICY.delay(1, 5));
    }

    @Test
    void shouldNotOverflowWithManyAttempts() {
        RetryPolicy many = new RetryPolicy(1000, Duration.ofSeconds(1), Duration.ofHours(1), 0, 0);
        assertThat(many.delay(999, 0)).isEqualTo(Duration.ofHours(1));
        assertThat(many.longestTotalWait()).isGreaterThan(Duration.ofHours(900));
    }

    @Test
    void shouldRejectNonsenseInOneLine() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofMillis(1), Duration.ofMillis(1), 0, 0))
                .hasMessage("max attempts: expected >= 1, got 0");
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofMillis(10), Duration.ofMillis(1), 0, 0))
                .hasMessageStartingWith("max backoff: expected >= the initial backoff");
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1), 1.5, 0))
                .hasMessage("jitter: expected a fraction in [0, 1], got 1.5");
    }
}
