package io.entroflow.app.cli;

import io.entroflow.schemas.wire.Silence;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;

/**
 * {@code entroflow unsilence --config SPEC --id ID}: ends a silence now, as Alertmanager expires one:
 * an active silence is written again with {@code ends_at} = now (kept, listed as expired); a silence
 * that has not started yet is deleted (a tombstone); an expired one is an error.
 */
@Command(name = "unsilence", mixinStandardHelpOptions = true,
        description = {"End a silence now (an active one expires; a pending one is deleted)."})
public final class UnsilenceCommand implements Callable<Integer> {
    @Mixin
    AlertCommandOptions alerts;

    @Option(names = "--id", required = true, paramLabel = "ID", description = "The silence to end.")
    String id;

    private final PrintStream out;
    private final PrintStream err;

    public UnsilenceCommand() {
        this(System.out, System.err);
    }

    public UnsilenceCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        String topic = alerts.topics().silences();
        Silence s = alerts.current(topic, Silence.class, (k, why) -> err.println("entroflow unsilence: " + k + ": " + why)).get(id);
        if (s == null) {
            throw CommandFailure.runtime("no silence '" + id + "' in " + topic + " (entroflow silences lists them)", null);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String state = SilencesCommand.state(s, now.toEpochMilli());
        switch (state) {
            case "expired" -> throw CommandFailure.runtime("silence " + id + " already expired at " + s.endsAt(), null);
            case "pending", "invalid" -> {
                alerts.write(topic, id, null);
                out.println("silence " + id + (state.equals("pending") ? " had not started" : " had unreadable times")
                        + "; deleted");
            }
            default -> {
                alerts.write(topic, id, new Silence(s.id(), s.matchers(), s.startsAt(), now.toString(), s.createdBy(), s.comment()));
                out.println("silence " + id + " expired at " + now);
            }
        }
        return 0;
    }
}
