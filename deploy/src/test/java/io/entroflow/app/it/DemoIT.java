package io.entroflow.app.it;

import io.entroflow.app.demo.DemoRunner;
import io.entroflow.app.demo.DemoScore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo path end to end on a real broker: paced producer, monitor, alert consumer, score. */
@IntegrationTest
class DemoIT {
    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void shouldDetectEveryPlantedChangeOnARealBrokerWithoutFalseAlarms() throws Exception {
        String bootstrap = SharedBroker.get().bootstrapServers();
        Path spec = Path.of("../deploy/examples/demo.yaml");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        DemoScore score = new DemoRunner(new DemoRunner.Options(10_000, 400, 5, spec, bootstrap, null,
                Files.createTempDirectory("entroflow-demo-it"), 2_000, Duration.ofSeconds(30)), out).run();
        String printed = buffer.toString(StandardCharsets.UTF_8);
        System.out.print(printed);
        assertThat(score.falseAlarms()).isZero();
        assertThat(score.rows()).hasSize(3).allSatisfy(r -> assertThat(r.detected()).as(r.kind()).isTrue());
        assertThat(score.events()).isEqualTo(4_000);
        assertThat(printed).contains("ALERT FIRING").contains("events in 4000 = processed 4000 + dead-lettered 0")
                .contains("events/s");
    }
}
