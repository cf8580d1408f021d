package io.entroflow.app.backtest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.entroflow.app.files.Directories;
import io.entroflow.schemas.wire.JsonSerde;
import io.entroflow.topology.offline.OfflineRecord;
import io.entroflow.topology.offline.OfflineRunFailure;
import io.entroflow.topology.offline.OfflineRunner;
import io.entroflow.topology.offline.RecordClock;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.stream.DeadLetterProcessingHandler;
import io.entroflow.topology.stream.MonitorCounters;
import io.entroflow.topology.stream.MonitorTopology;
import io.entroflow.topology.stream.ProcessorGraph;
import io.entroflow.topology.stream.TopologyNames;
import org.apache.kafka.streams.StreamsConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.LongConsumer;

/**
 * One backtest: the spec's full monitor graph ({@link MonitorTopology#graph}) run by an
 * {@link OfflineRunner} over an input, with the live monitor's dead-letter handler
 * ({@link DeadLetterProcessingHandler}), writing {@code aggregates.jsonl}, {@code alert-events.jsonl},
 * {@code dead-letter.jsonl} ({@link BacktestOutputs}) and {@code summary.json} into a directory; for a
 * spec with a {@code routing} section also {@code notifications.jsonl}: its router is part of that
 * graph, fed the {@link RoutingFiles} before the input.
 *
 * <p>Deterministic: the wall clock the topology reads (for {@code input.max-future}, and for
 * absence rules through their wall-clock punctuation) is the timestamp of the input record being
 * processed ({@link RecordClock}); tasks, punctuations and outputs follow
 * the input order only. Two backtests of the same input and spec write byte-identical files.
 */
public final class Backtest {
    /** The summary's file name. */
    public static final String SUMMARY = "summary.json";
    /** Name prefix of the directory a run writes into before its files are moved into place. */
    static final String STAGING_PREFIX = ".backtest-";

    private final MonitorPlan plan;
    private final List<AlertEventListener> listeners;
    private final RoutingFiles routing;

    /** @param listeners further consumers of the alert events */
    public Backtest(MonitorPlan plan, List<AlertEventListener> listeners) {
        this(plan, listeners, RoutingFiles.NONE);
    }

    /**
     * @param routing subscriptions and silences fed to the spec's router before the input (see
     *                {@link RoutingFiles}); not empty only for a spec with a {@code routing} section
     */
    public Backtest(MonitorPlan plan, List<AlertEventListener> listeners, RoutingFiles routing) {
        if (plan.routing() == null && !routing.isEmpty()) {
            throw new IllegalArgumentException("subscriptions and silences need the spec's routing section");
        }
        this.plan = plan;
        this.listeners = List.copyOf(listeners);
        this.routing = routing;
    }

    /** What a backtest read and wrote. */
    public record Result(long records, long events, long processed, long deadLetters, long aggregates,
                         long alertEvents, long notifications, ObjectNode summary) {
    }

    /**
     * Runs the backtest of {@code input} into {@code outDir} (created if missing). The files are written
     * into a staging directory inside it and moved into place only when the run completes, each
     * replacing the file of an earlier run ({@code summary.json} last; an earlier {@code
     * notifications.jsonl} is removed when this spec has no routing): a run that fails leaves {@code
     * outDir} as it was, never partial files beside an earlier run's summary.
     *
     * @param progress called with the number of records read, every 2^16 records
     * @throws BadInputException  the input cannot be read (one line: file and position)
     * @throws OfflineRunFailure  the monitor would have stopped (a record it cannot read, a failing punctuator)
     */
    public Result run(BacktestInput input, Path outDir, LongConsumer progress) throws IOException {
        Files.createDirectories(outDir);
        Path staging = Files.createTempDirectory(outDir, STAGING_PREFIX);
        try {
            Result result = runInto(input, staging, progress);
            for (String file : List.of(BacktestOutputs.AGGREGATES, BacktestOutputs.ALERT_EVENTS, BacktestOutputs.DEAD_LETTER,
                    BacktestOutputs.NOTIFICATIONS, SUMMARY)) {
                Path written = staging.resolve(file);
                if (Files.exists(written)) {
                    Files.move(written, outDir.resolve(file), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } else {
                    Files.deleteIfExists(outDir.resolve(file));
                }
            }
            return result;
        } finally {
            Directories.deleteRecursively(staging);
        }
    }

    private Result runInto(BacktestInput input, Path outDir, LongConsumer progress) throws IOException {
        MonitorCounters counters = new MonitorCounters();
        RecordClock clock = new RecordClock();
        ProcessorGraph graph = MonitorTopology.graph(plan, counters, MonitorTopology.Stage.RULES, clock);
        DeadLetterProcessingHandler handler = new DeadLetterProcessingHandler();
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, new TopologyNames(plan.monitor()).applicationId());
        DeadLetterProcessingHandler.configure(p, plan.spec().outputs().deadLetter(), counters);
        Map<String, Object> configs = new HashMap<>();
        p.forEach((k, v) -> configs.put((String) k, v));
        handler.configure(configs);
        long records = 0;
        BacktestOutputs outputs = new BacktestOutputs(outDir, plan, listeners);
        Map<String, Integer> topicPartitions = plan.routing() == null ? Map.of() : Map.of(plan.routing().inputTopic(), 1);
        try (outputs; OfflineRunner runner = new OfflineRunner(graph, input.partitions(), topicPartitions, configs,
                handler, outputs).wallClock(clock)) {
            if (plan.routing() != null) {
                for (OfflineRecord change : routing.records(plan.routing())) {
                    clock.set(change.timestamp());
                    runner.process(change);
                }
            }
            OfflineRecord r;
            while ((r = input.next()) != null) {
                clock.set(r.timestamp());
                try {
                    runner.process(r);
                } catch (IllegalArgumentException e) {
                    throw new BadInputException(input.position() + ": " + e.getMessage(), e);
                } catch (OfflineRunFailure e) {
                    throw new OfflineRunFailure(input.position() + ": " + e.getMessage(), e);
                }
                if ((++records & 0xFFFF) == 0) {
                    progress.accept(records);
                }
            }
        }
        ObjectNode summary = summary(input, counters, outputs);
        Files.write(outDir.resolve(SUMMARY), JsonSerde.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(summary));
        return new Result(records, counters.eventsIn(), counters.eventsProcessed(), outputs.deadLetters(),
                outputs.aggregates(), outputs.alertEvents(), outputs.notificationCount(), summary);
    }

    private ObjectNode summary(BacktestInput input, MonitorCounters counters, BacktestOutputs outputs) {
        ObjectNode s = JsonSerde.MAPPER.createObjectNode();
        s.put("monitor", plan.monitor());
        s.put("input", input.describe().split(" ", 2)[0]);
        s.put("events", counters.eventsIn());
        s.put("processed", counters.eventsProcessed());
        ObjectNode dead = s.putObject("dead_lettered");
        dead.put("events", counters.eventsDeadLettered());
        dead.put("records", outputs.deadLetters());
        ObjectNode byReason = dead.putObject("by_reason");
        outputs.deadLettersByReason().forEach(byReason::put);
        s.put("aggregates", outputs.aggregates());
        s.put("alert_events", outputs.alertEvents());
        ObjectNode alerts = s.putObject("alerts");
        outputs.rules().forEach((rule, t) -> {
            ObjectNode a = alerts.putObject(rule);
            a.put("fired", t.fired);
            a.put("resolved", t.resolved);
            a.put("keys", t.keys.size());
            a.put("first_firing", t.firstFiring);
            a.put("last_firing", t.lastFiring);
        });
        if (plan.routing() != null) {
            s.put("subscriptions", routing.subscriptions().size());
            s.put("silences", routing.silences().size());
            ObjectNode notes = s.putObject("notifications");
            routing.subscriptions().forEach(sub -> outputs.notifications().putIfAbsent(sub.id(),
                    new BacktestOutputs.NotificationTally()));
            outputs.notifications().forEach((id, t) -> {
                ObjectNode n = notes.putObject(id);
                n.put("notifications", t.notifications);
                n.put("firing", t.firing);
                n.put("resolved", t.resolved);
                n.put("first", t.first);
                n.put("last", t.last);
            });
        }
        return s;
    }
}
