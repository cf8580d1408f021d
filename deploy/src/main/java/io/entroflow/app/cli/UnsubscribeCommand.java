package io.entroflow.app.cli;

import io.entroflow.schemas.wire.Subscription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/** {@code entroflow unsubscribe --config SPEC --id ID}: deletes a subscription (a tombstone on the subscriptions topic). */
@Command(name = "unsubscribe", mixinStandardHelpOptions = true,
        description = {"Delete an alert subscription (a tombstone on the compacted subscriptions topic).",
                "Notifications already made are still delivered."})
public final class UnsubscribeCommand implements Callable<Integer> {
    @Mixin
    AlertCommandOptions alerts;

    @Option(names = "--id", required = true, paramLabel = "ID", description = "The subscription to delete.")
    String id;

    private final PrintStream out;
    private final PrintStream err;

    public UnsubscribeCommand() {
        this(System.out, System.err);
    }

    public UnsubscribeCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        String topic = alerts.topics().subscriptions();
        if (!alerts.current(topic, Subscription.class, (k, why) -> err.println("entroflow unsubscribe: " + k + ": " + why))
                .containsKey(id)) {
            throw CommandFailure.runtime("no subscription '" + id + "' in " + topic + " (entroflow subscriptions lists them)", null);
        }
        alerts.write(topic, id, null);
        out.println("subscription " + id + " deleted from " + topic);
        return 0;
    }
}
