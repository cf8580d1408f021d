package io.entroflow.app.backtest;

import io.entroflow.app.cli.CliRunner;
import io.entroflow.schemas.wire.AlertRecord;
import io.entroflow.schemas.wire.JsonSerde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Absence rules in a backtest: the wall clock is the time of the record at hand, so a key silent for
 * {@code after} of input time fires, at the first wall-clock check past it, and resolves when it sends again.
 */
class BacktestAbsenceTest {
    private static final long T0 = 1_767_225_600_000L;
    private static final String SPEC = """
            monitor: quiet
            input:
              topics: [events]
              time: {field: /ts}
            signals:
              - {name: kind, kind: categorical, field: /kind, values: [a, b]}
            operators:
              - {name: kind-entropy, type: entropy, signal: kind, window: {count: 4}}
            aggregates: {interval: 1s}
            rules:
              - {name: gone, operator: kind-entropy, severity: critical, absence: {after: 10s}}
            """;

    @TempDir
    Path dir;

    @Test
    void shouldFireWhenTheInputsTimeIsAfterPastAKeysLastEventAndResolveWhenItSendsAgain() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int s = 0; s < 90; s++) {
            for (String key : List.of("svc-a", "svc-b")) {
                if (key.equals("svc-a") && s >= 30 && s < 60) {
                    continue; // svc-a silent from 30 s to 60 s
                }
                lines.add("{\"key\": \"" + key + "\", \"ts\": " + (T0 + s * 1000L) + ", \"kind\": \"" + (s % 2 == 0 ? "a" : "b")
                        + "\"}");
            }
        }
        Path spec = Files.writeString(dir.resolve("quiet.yaml"), SPEC);
        Path input = Files.write(dir.resolve("in.jsonl"), lines);
        CliRunner.Result r = CliRunner.run("", "backtest", "--config", spec.toString(), "--input", input.toString(),
                "--out", dir.resolve("a").toString());
        assertThat(r.status()).as(r.err()).isZero();
        List<AlertRecord> alerts = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("a/alert-events.jsonl"))) {
            alerts.add(JsonSerde.MAPPER.readValue(line, AlertRecord.class));
        }
        assertThat(alerts).extracting(a -> a.labels().get("key") + " " + a.status())
                .containsExactly("svc-a " + AlertRecord.FIRING, "svc-a " + AlertRecord.RESOLVED);
        long fired = Instant.parse(alerts.get(0).startsAt()).toEpochMilli() - T0;
        // last event at 29 s; silent for 10 s at 39 s; checked every 1 s of input time
        assertThat(fired).isBetween(39_000L, 41_000L);
        CliRunner.Result b = CliRunner.run("", "backtest", "--config", spec.toString(), "--input", input.toString(),
                "--out", dir.resolve("b").toString());
        assertThat(b.status()).as(b.err()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("b/alert-events.jsonl")))
                .isEqualTo(Files.readAllBytes(dir.resolve("a/alert-events.jsonl")));
    }
}
