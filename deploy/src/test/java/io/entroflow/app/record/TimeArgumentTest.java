package io.entroflow.app.record;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeArgumentTest {

    @Test
    void shouldParseAnIsoInstant() {
        assertThat(TimeArgument.parseMillis("--from", "2026-12-03T10:15:30Z")).isEqualTo(1_796_292_930_000L);
        assertThat(TimeArgument.parseMillis("--from", "2026-12-03T10:15:30.250Z")).isEqualTo(1_796_292_930_250L);
    }

    @Test
    void shouldParseAnOffsetDateTime() {
        assertThat(TimeArgument.parseMillis("--to", "2026-12-03T11:15:30+01:00")).isEqualTo(1_796_292_930_000L);
    }

    @Test
    void shouldParseEpochMilliseconds() {
        assertThat(TimeArgument.parseMillis("--to", "1796292930000")).isEqualTo(1_796_292_930_000L);
        assertThat(TimeArgument.parseMillis("--to", " 0 ")).isZero();
    }

    @Test
    void shouldRejectOtherTextNamingTheOptionAndValue() {
        for (String bad : new String[] {"yesterday", "2026-12-03", "2026-12-03T10:15:30", "", "-5", "1.5",
                "99999999999999999999"}) {
            assertThatThrownBy(() -> TimeArgument.parseMillis("--from", bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("--from: expected an ISO-8601 instant")
                    .hasMessageEndingWith("got '" + bad + "'");
        }
    }
}
