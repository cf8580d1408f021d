package io.entroflow.app.record;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressTest {
    private final AtomicLong clock = new AtomicLong();
    private final StringWriter text = new StringWriter();

    @Test
    void shouldDrawABarWithPercentRateAndEta() {
        Progress p = new Progress(new PrintWriter(text), true, 1_000, 5_000_000_000L, clock::get);
        assertThat(p.bar(250, 240, 2_000_000_000L))
                .isEqualTo("[######..................]  25.0%  240 records  120/s  ETA 0:06");
    }

    @Test
    void shouldPrintAPlainLineEveryIntervalWhenNotATerminal() {
        Progress p = new Progress(new PrintWriter(text), false, 100, 5_000_000_000L, clock::get);
        clock.set(1_000_000_000L);
        p.update(10, 10);
        assertThat(text.toString()).isEmpty();
        clock.set(5_000_000_000L);
        p.update(50, 50);
        assertThat(text.toString().strip())
                .isEqualTo("entroflow replay: 50.0% of the queue read, 50 records replayed, 10 records/s, ETA 0:05");
    }

    @Test
    void shouldUseThePacedEndForTheEtaWhenLater() {
        Progress p = new Progress(new PrintWriter(text), true, 1_000, 5_000_000_000L, clock::get);
        p.pacedUntil(62_000_000_000L);
        assertThat(p.eta(500, 2_000_000_000L)).isEqualTo("1:00");
        assertThat(p.eta(0, 2_000_000_000L)).isEqualTo("?");
    }

    @Test
    void shouldFormatLongEtasWithHours() {
        assertThat(Progress.clock(3_725)).isEqualTo("1:02:05");
        assertThat(Progress.clock(59)).isEqualTo("0:59");
    }
}
