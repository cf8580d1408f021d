/**
 * The {@code entroflow} command line (picocli): {@link io.entroflow.app.cli.EntroflowCli} and one
 * class per command — {@code run} (a monitor spec against a cluster or the embedded broker),
 * {@code request} (aggregates on demand from a running monitor), {@code record} and
 * {@code replay} (topics to and from a Chronicle Queue), {@code demo}, {@code generate} and
 * {@code analyze}. Commands parse options, call the library and print. Every error ends with one
 * line on standard error, {@code entroflow <command>: <what>}, and exit status 2 (bad command line,
 * spec or file) or 1 (failure at run time, internal error), printed by
 * {@code OneLineErrors}; {@code --verbose} or {@code ENTROFLOW_DEBUG=1} adds the
 * stack trace. docs/reliability.md lists every case.
 */
package io.entroflow.app.cli;
