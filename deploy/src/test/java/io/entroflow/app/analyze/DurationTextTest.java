package io.entroflow.app.analyze;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationTextTest {

    @Test
    void shouldReadNumbersWithUnitsAndIso8601AsMilliseconds() {
        assertThat(DurationText.millis("--d", "500ms")).isEqualTo(500);
        assertThat(DurationText.millis("--d", "2s")).isEqualTo(2_000);
        assertThat(DurationText.millis("--d", "1.5s")).isEqualTo(1_500);
        assertThat(DurationText.millis("--d", "3m")).isEqualTo(180_000);
        assertThat(DurationText.millis("--d", "1h")).isEqualTo(3_600_000);
        assertThat(DurationText.millis("--d", "1d")).isEqualTo(86_400_000);
        assertThat(DurationText.millis("--d", "PT1S")).isEqualTo(1_000);
        assertThat(DurationText.millis("--d", "pt0.25s")).isEqualTo(250);
        assertThat(DurationText.millis("--d", "0ms")).isZero();
    }

    @Test
    void shouldRejectANegativeOrSubMillisecondOrUnitlessDurationNamingTheOption() {
        assertThatThrownBy(() -> DurationText.millis("--dwell-time", "5"))
                .hasMessage("--dwell-time: expected a duration like 500ms, 2s, 1m or PT1S, got '5'");
        assertThatThrownBy(() -> DurationText.millis("--dwell-time", "0.5ms"))
                .hasMessage("--dwell-time: expected a duration in whole milliseconds, got '0.5ms'");
        assertThatThrownBy(() -> DurationText.millis("--dwell-time", "-PT1S"))
                .hasMessage("--dwell-time: expected a duration >= 0 in whole milliseconds, got '-PT1S'");
        assertThatThrownBy(() -> DurationText.millis("--dwell-time", "-1s")).hasMessageContaining("got '-1s'");
    }
}
