package io.entroflow.app.cli;

import io.entroflow.app.alerts.TextTable;
import io.entroflow.schemas.wire.Silence;
import io.entroflow.topology.route.Mute;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code entroflow silences --config SPEC [--expired]}: the silences as a table with their state now
 * (wall clock): {@code pending}, {@code active}, {@code expired}; expired ones only with
 * {@code --expired}.
 */
@Command(name = "silences", mixinStandardHelpOptions = true,
        description = {"List the silences (the compacted silences topic) as a table.",
                "Shows pending and active ones, or expired ones too."})
public final class SilencesCommand implements Callable<Integer> {
    @Mixin
    AlertCommandOptions alerts;

    @Option(names = "--expired", description = "Include expired silences.")
    boolean expired;

    private final PrintStream out;
    private final PrintStream err;

    public SilencesCommand() {
        this(System.out, System.err);
    }

    public SilencesCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        List<Silence> current = alerts.mutes((k, why) -> err.println("entroflow silences: " + k + ": " + why))
                .values().stream().map(Mute::silence).toList();
        long now = System.currentTimeMillis();
        TextTable t = new TextTable("ID", "STATE", "MATCHERS", "STARTS", "ENDS", "CREATED_BY", "COMMENT");
        current.stream().sorted(Comparator.comparing(Silence::startsAt, Comparator.nullsFirst(Comparator.naturalOrder())))
                .forEach(s -> {
                    String state = state(s, now);
                    if (expired || !state.equals("expired")) {
                        t.row(s.id(), state, s.matchers(), s.startsAt(), s.endsAt(), s.createdBy(), s.comment());
                    }
                });
        t.print(out);
        return 0;
    }

    /** {@code pending}, {@code active} or {@code expired} at {@code now}; {@code invalid} when its times do not read. */
    static String state(Silence s, long now) {
        try {
            return now < s.startsAtMillis() ? "pending" : now < s.endsAtMillis() ? "active" : "expired";
        } catch (IllegalArgumentException e) {
            return "invalid";
        }
    }
}
