package io.entroflow.app.cli;

import io.entroflow.schemas.wire.Silence;
import io.entroflow.topology.route.Mute;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * {@code entroflow silence --config SPEC --match '{...}' --for 2h --comment TEXT [--created-by WHO]
 * [--starts-at TIME]}: writes a silence to the monitor's compacted silences topic and prints its
 * new id. It mutes the notifications (never the evaluation) of the alerts its matchers select from
 * {@code starts_at} (default now) to {@code starts_at + for}, in the alerts' event time, and expires
 * by itself.
 */
@Command(name = "silence", mixinStandardHelpOptions = true,
        description = {"Silence alerts for a while: their notifications are muted, their evaluation goes on.",
                "Prints the new silence's id. It expires by itself (or use unsilence)."})
public final class SilenceCommand implements Callable<Integer> {
    private static final Map<String, String> OPTION_BY_FIELD = Map.of("matchers", "--match", "ends_at", "--for",
            "starts_at", "--starts-at");

    @Mixin
    AlertCommandOptions alerts;

    @Option(names = "--match", required = true, paramLabel = "MATCHERS",
            description = "Alertmanager matchers of the alerts to silence, e.g. '{key=\"svc-a\"}' (at least one).")
    String match;

    @Option(names = "--for", required = true, paramLabel = "DURATION", description = "How long, e.g. 2h, 30m, 1d.")
    String duration;

    @Option(names = "--comment", required = true, paramLabel = "TEXT", description = "Why (kept with the silence).")
    String comment;

    @Option(names = "--created-by", paramLabel = "WHO", description = "Who silences. Default: the user name.")
    String createdBy = System.getProperty("user.name", "");

    @Option(names = "--starts-at", paramLabel = "TIME", description = "ISO-8601 start, e.g. 2026-12-03T22:00:00Z. Default: now.")
    String startsAt;

    private final PrintStream out;
    private final Clock clock;

    public SilenceCommand() {
        this(System.out, System.err);
    }

    /** @param err unused: errors go through {@link OneLineErrors} */
    public SilenceCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.clock = Clock.systemUTC();
    }

    @Override
    public Integer call() {
        long forMillis = CliOptions.positiveMillis("--for", duration);
        if (comment.isBlank()) {
            throw CommandFailure.usage("--comment: say why the alerts are silenced");
        }
        Instant start;
        try {
            start = startsAt == null ? clock.instant().truncatedTo(ChronoUnit.MILLIS) : Instant.parse(startsAt);
        } catch (DateTimeParseException e) {
            throw CommandFailure.usage("--starts-at: expected an ISO-8601 instant like 2026-12-03T22:00:00Z, got '"
                    + startsAt + "'", e);
        }
        if (!CliOptions.inEpochMillis(start)) {
            throw CommandFailure.usage("--starts-at: " + startsAt + " is outside the times a silence can hold ("
                    + Instant.ofEpochMilli(Long.MIN_VALUE) + " .. " + Instant.ofEpochMilli(Long.MAX_VALUE) + ")");
        }
        Instant end;
        try {
            end = start.plusMillis(forMillis);
        } catch (ArithmeticException | java.time.DateTimeException e) {
            throw CommandFailure.usage("--for: '" + duration + "' ends beyond the year 1000000000", e);
        }
        if (!CliOptions.inEpochMillis(end)) {
            throw CommandFailure.usage("--for: '" + duration + "' ends at " + end + ", after the last time a silence can hold ("
                    + Instant.ofEpochMilli(Long.MAX_VALUE) + ")");
        }
        Silence s = new Silence(UUID.randomUUID().toString(), match, start.toString(), end.toString(), createdBy, comment);
        try {
            Mute.of(s);
        } catch (IllegalArgumentException e) {
            throw AlertCommandOptions.usage(e, OPTION_BY_FIELD);
        }
        if (!end.isAfter(clock.instant())) {
            throw CommandFailure.usage("--starts-at: the silence would end at " + end + " (" + startsAt + " + --for " + duration
                    + "), in the past, and mute nothing");
        }
        alerts.write(alerts.topics().silences(), s.id(), s);
        out.println(s.id());
        return 0;
    }
}
