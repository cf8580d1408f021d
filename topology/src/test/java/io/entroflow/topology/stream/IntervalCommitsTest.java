package io.entroflow.topology.stream;

import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntervalCommitsTest {
    private static final long I = 500;
    private static final long NOW = 1_700_000_000_000L; // a boundary: a multiple of I

    @Test
    void shouldAskForACommitOnceWhenAnEventFirstReachesALiveBoundary() {
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        context.setCurrentSystemTimeMs(NOW + 3);
        IntervalCommits commits = new IntervalCommits(I);
        commits.observe(context, NOW - 400); // the first event: nothing to close yet
        assertThat(context.committed()).isFalse();
        commits.observe(context, NOW - 1);
        assertThat(context.committed()).isFalse();
        commits.observe(context, NOW); // reaches the boundary NOW
        assertThat(context.committed()).isTrue();
        context.resetCommit();
        commits.observe(context, NOW + 2);
        commits.observe(context, NOW - 300); // late: closes nothing
        assertThat(context.committed()).isFalse();
        commits.observe(context, NOW + 2 * I + 7); // jumps two boundaries: one request
        assertThat(context.committed()).isTrue();
    }

    @Test
    void shouldLeaveBoundariesFarBehindTheWallClockToTheCommitInterval() {
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        IntervalCommits commits = new IntervalCommits(I);
        context.setCurrentSystemTimeMs(NOW + IntervalCommits.LIVE_MILLIS + 1); // replaying: NOW is history
        commits.observe(context, NOW - 1);
        commits.observe(context, NOW);
        assertThat(context.committed()).isFalse();
        context.setCurrentSystemTimeMs(NOW + I + IntervalCommits.LIVE_MILLIS); // caught up: the next boundary is live
        commits.observe(context, NOW + I);
        assertThat(context.committed()).isTrue();
    }

    @Test
    void shouldRefuseANonPositiveInterval() {
        assertThatThrownBy(() -> new IntervalCommits(0)).hasMessageContaining("intervalMillis");
    }
}
