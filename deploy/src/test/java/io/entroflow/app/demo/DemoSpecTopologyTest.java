package io.entroflow.app.demo;

import io.entroflow.schemas.wire.AlertRecord;
import io.entroflow.topology.stream.MonitorDriver;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped demo spec on the generated demo stream: every planted change detected, no false alarm (the default demo is seed 7, 60 s at 200/s). */
class DemoSpecTopologyTest {
    static String demoSpec() throws IOException {
        Path p = Path.of("../deploy/examples/demo.yaml");
        return Files.readString(Files.exists(p) ? p : Path.of("deploy/examples/demo.yaml"));
    }

    @ParameterizedTest(name = "seed {0}, {1} s at {2}/s")
    @CsvSource({"7, 12, 400", "8, 20, 200", "9, 60, 200", "7, 60, 200", "1, 30, 200", "2, 30, 400"})
    void shouldDetectEveryPlantedChangeWithoutFalseAlarms(long seed, int seconds, int rate) throws IOException {
        DemoStream stream = new DemoStream(seed, 1_700_000_000_000L, seconds * 1000L, rate);
        try (MonitorDriver d = new MonitorDriver(demoSpec())) {
            while (stream.hasNext()) {
                DemoStream.Event e = stream.next();
                d.send(e.key(), e.json(), e.time());
            }
            List<AlertRecord> alerts = d.alertEvents();
            DemoScore score = DemoScore.score(stream.planted(), alerts, stream.size());
            System.out.print(score.table());
            assertThat(score.falseAlarms()).isZero();
            assertThat(score.rows()).hasSize(3).allSatisfy(r -> {
                assertThat(r.detected()).as(r.kind()).isTrue();
                assertThat(r.delayMs()).as(r.kind()).isLessThan(5_000L);
            });
            assertThat(d.counters.eventsDeadLettered()).isZero();
        }
    }
}
