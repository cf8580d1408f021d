package io.entroflow.app.it;

import io.entroflow.app.backtest.Backtest;
import io.entroflow.app.backtest.QueueInput;
import io.entroflow.app.cli.CliRunner;
import io.entroflow.app.demo.DemoStream;
import io.entroflow.app.record.Recorder;
import io.entroflow.app.record.RecordingQueue;
import io.entroflow.schemas.spec.MonitorSpecLoader;
import io.entroflow.schemas.wire.AlertRecord;
import io.entroflow.schemas.wire.JsonSerde;
import io.entroflow.topology.operator.OperatorRegistry;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.plan.MonitorPlanner;
import io.entroflow.topology.runtime.MonitorRuntime;
import io.entroflow.topology.runtime.Topics;
import io.entroflow.topology.stream.TopologyNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, item 4: for the demo spec and the demo stream, the alert events of a live run on a
 * broker, of a backtest of its recording (recorded by a {@link Recorder} while the monitor ran), and
 * of a replay of that recording into a fresh topic under a fresh application id are identical:
 * fingerprints, statuses, startsAt, endsAt and values.
 */
@IntegrationTest
class BacktestDeterminismIT {
    /** What must agree between the three runs. */
    record Alert(String fingerprint, String status, String startsAt, String endsAt, double value) {
        static Alert of(AlertRecord a) {
            return new Alert(a.fingerprint(), a.status(), a.startsAt(), a.endsAt(), a.provenance().value());
        }
    }

    @Test
    @Timeout(value = 400, unit = TimeUnit.SECONDS)
    void shouldGiveTheSameAlertsLiveInABacktestOfTheRecordingAndInAReplay() throws Exception {
        String bootstrap = SharedBroker.get().bootstrapServers();
        String run = Long.toString(System.nanoTime() % 1_000_000);
        String monitor = "det" + run;
        String demoYaml = Files.readString(Path.of("examples/demo.yaml"));
        String liveYaml = demoYaml.replace("monitor: demo", "monitor: " + monitor).replace("demo-", monitor + "-");
        String replayYaml = liveYaml.replace(monitor + "-", monitor + "-replay-");
        MonitorPlan live = plan(liveYaml);
        MonitorPlan replay = plan(replayYaml);
        String input = live.spec().input().topics().get(0);
        String replayInput = replay.spec().input().topics().get(0);
        String replayAppId = TopologyNames.defaultApplicationId(monitor) + "-replay";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Topics.create(admin, live, true, 1);
            Topics.create(admin, replay, true, 1, new TopologyNames(monitor, replayAppId));
        }

        // record the input topic while the live monitor runs
        Path queueDir = Files.createTempDirectory("entroflow-determinism").resolve("queue");
        AtomicReference<Recorder> recorder = new AtomicReference<>();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        StringWriter log = new StringWriter();
        Thread recording = new Thread(() -> {
            try (RecordingQueue q = RecordingQueue.openForWriting(queueDir)) {
                Properties client = new Properties();
                client.put("bootstrap.servers", bootstrap);
                Recorder r = new Recorder(q, client, new Recorder.Options(List.of(input), Recorder.StartAt.EARLIEST, null,
                        false, Duration.ofSeconds(1), Duration.ofSeconds(1)), new PrintWriter(log, true));
                recorder.set(r);
                r.run();
            } catch (Throwable e) {
                failed.set(e);
            }
        }, "recorder");
        recording.start();

        long t0 = System.currentTimeMillis() / 1000 * 1000 - 120_000;
        DemoStream demo = new DemoStream(7, t0, 60_000, 200);
        int events = (int) demo.size();
        List<Alert> liveAlerts;
        Properties liveConfig = MonitorRuntime.config(live, bootstrap, Files.createTempDirectory("det-live"), true,
                monitor + "-live", null);
        try (MonitorRuntime runtime = new MonitorRuntime(live, liveConfig)) {
            runtime.start();
            runtime.awaitRunning(Duration.ofSeconds(90));
            try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                    new StringSerializer(), new StringSerializer())) {
                while (demo.hasNext()) {
                    DemoStream.Event e = demo.next();
                    p.send(new ProducerRecord<>(input, null, e.time(), e.key(), e.json()));
                }
            }
            awaitProcessed(runtime, events);
            liveAlerts = alerts(live.spec().outputs().alertEvents());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while ((recorder.get() == null || recorder.get().recorded() < events) && failed.get() == null
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        recorder.get().stop();
        recording.join(30_000);
        assertThat(failed.get()).isNull();
        assertThat(recorder.get().recorded()).as(log.toString()).isEqualTo(events);

        // the three planted changes, each caught once
        assertThat(liveAlerts).hasSize(3).extracting(Alert::status).containsOnly(AlertRecord.FIRING);

        // backtest of the recording
        Path out = Files.createTempDirectory("det-backtest");
        try (QueueInput in = new QueueInput(queueDir, live.spec().input().topics())) {
            new Backtest(live, List.of()).run(in, out, n -> { });
        }
        List<Alert> backtestAlerts = Files.readAllLines(out.resolve("alert-events.jsonl")).stream()
                .map(BacktestDeterminismIT::alert).toList();
        assertThat(backtestAlerts).isEqualTo(liveAlerts);

        // replay of the recording into a fresh topic, monitored under a fresh application id
        CliRunner.Result replayed = CliRunner.run("", "replay", "--queue", queueDir.toString(), "--to-topic", replayInput,
                "--speed", "max", "--bootstrap-servers", bootstrap);
        assertThat(replayed.status()).as(replayed.err()).isZero();
        Properties replayConfig = MonitorRuntime.config(replay, bootstrap, Files.createTempDirectory("det-replay"), true,
                monitor + "-replay", null);
        replayConfig.put(StreamsConfig.APPLICATION_ID_CONFIG, replayAppId);
        List<Alert> replayAlerts;
        try (MonitorRuntime runtime = new MonitorRuntime(replay, replayConfig, new TopologyNames(monitor, replayAppId))) {
            runtime.start();
            runtime.awaitRunning(Duration.ofSeconds(90));
            awaitProcessed(runtime, events);
            replayAlerts = alerts(replay.spec().outputs().alertEvents());
        }
        assertThat(replayAlerts).isEqualTo(liveAlerts);
    }

    private static MonitorPlan plan(String yaml) {
        return new MonitorPlanner(OperatorRegistry.standard()).plan("demo", MonitorSpecLoader.parse("demo", yaml));
    }

    private static void awaitProcessed(MonitorRuntime runtime, int events) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (runtime.counters().eventsProcessed() + runtime.counters().eventsDeadLettered() < events
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(runtime.counters().eventsProcessed()).isEqualTo(events);
    }

    /** The committed alert events of {@code topic}: at least the 3 planted, until nothing new comes. */
    private static List<Alert> alerts(String topic) {
        return SharedBroker.readAll(topic, true, 3, Duration.ofSeconds(60)).stream()
                .map(e -> alert(e.getValue())).toList();
    }

    private static Alert alert(String json) {
        try {
            return Alert.of(JsonSerde.MAPPER.readValue(json, AlertRecord.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
