package io.entroflow.app.cli;

import io.entroflow.app.alerts.TextTable;
import io.entroflow.schemas.wire.Subscription;
import io.entroflow.topology.route.Route;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code entroflow subscriptions --config SPEC}: the current subscriptions as a table. */
@Command(name = "subscriptions", mixinStandardHelpOptions = true,
        description = "List the current alert subscriptions (the compacted subscriptions topic) as a table.")
public final class SubscriptionsCommand implements Callable<Integer> {
    @Mixin
    AlertCommandOptions alerts;

    private final PrintStream out;
    private final PrintStream err;

    public SubscriptionsCommand() {
        this(System.out, System.err);
    }

    public SubscriptionsCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        List<Subscription> current = alerts.routes((k, why) -> err.println("entroflow subscriptions: " + k + ": " + why))
                .values().stream().map(Route::subscription).toList();
        TextTable t = new TextTable("ID", "MATCH", "TO", "GROUP_BY", "WAIT", "INTERVAL", "REPEAT", "RESOLVED");
        current.stream().sorted(java.util.Comparator.comparing(Subscription::id)).forEach(s -> t.row(s.id(),
                s.match().isEmpty() ? "{}" : s.match(), String.valueOf(s.to()),
                s.groupBy().isEmpty() ? "-" : String.join(",", s.groupBy()), s.groupWait(), s.groupInterval(),
                s.repeatInterval(), String.valueOf(s.sendResolved())));
        t.print(out);
        return 0;
    }
}
