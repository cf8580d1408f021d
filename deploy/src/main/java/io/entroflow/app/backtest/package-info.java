/**
 * {@code entroflow backtest}: a monitor spec run over a recording ({@code record}'s Chronicle Queue)
 * or a JSON-lines file, in-process and without a broker, through the live monitor's own processor
 * graph ({@link io.entroflow.topology.offline.OfflineRunner}); writes the aggregates, alert events,
 * dead letters and a summary to a directory. See docs/record-replay.md, "Backtest".
 */
package io.entroflow.app.backtest;
