package io.entroflow.app.cli;

import picocli.CommandLine.Command;

/** {@code entroflow routes test ...}: questions about the routing of alerts. */
@Command(name = "routes", mixinStandardHelpOptions = true, subcommands = RoutesTestCommand.class,
        description = "Questions about alert routing; see 'routes test'.")
public final class RoutesCommand implements Runnable {
    @Override
    public void run() {
        throw CommandFailure.usage("missing command: test (see entroflow routes --help)");
    }
}
