package io.entroflow.app.http;

import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class HealthTest {
    @ParameterizedTest
    @CsvSource({
            "CREATED,          true,  false",
            "REBALANCING,      true,  false",
            "RUNNING,          true,  true",
            "PENDING_SHUTDOWN, true,  false",
            "NOT_RUNNING,      false, false",
            "PENDING_ERROR,    false, false",
            "ERROR,            false, false"})
    void shouldMapEveryKafkaStreamsStateToLivenessAndReadiness(State state, boolean live, boolean ready) {
        Health h = Health.of("m", state);
        assertThat(h.live()).isEqualTo(live);
        assertThat(h.ready()).isEqualTo(ready);
        assertThat(h.statusCode(false)).isEqualTo(ready ? 200 : 503);
        assertThat(h.statusCode(true)).isEqualTo(live ? 200 : 503);
        assertThat(h.body(false)).containsEntry("status", ready ? "UP" : "DOWN").containsEntry("state", state.name())
                .containsEntry("monitor", "m");
        assertThat(h.body(true)).containsEntry("status", live ? "UP" : "DOWN");
    }

    @ParameterizedTest
    @EnumSource(State.class)
    void shouldBeReadyOnlyWhenRunning(State state) {
        assertThat(Health.of("m", state).ready()).isEqualTo(state == State.RUNNING);
    }
}
