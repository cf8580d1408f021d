/**
 * The {@code entroflow} command line (picocli): {@link io.entroflow.app.cli.EntroflowCli} and one
 * class per command — {@code run} (a monitor spec against a cluster or the embedded broker),
 * {@code request} (aggregates on demand from a running monitor), {@code demo}, {@code generate}
 * and {@code analyze}. Commands parse options, call the library and print; a bad argument, spec or
 * file ends with one line on standard error and exit status 2.
 */
package io.entroflow.app.cli;
