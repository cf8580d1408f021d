/**
 * {@code entroflow analyze}: one measure over a CSV or JSON-lines file, offline, with the same
 * operators as the streaming monitor. {@link io.entroflow.app.analyze.TableReader} reads the input,
 * {@link io.entroflow.app.analyze.ColumnSymbolizer} turns a column into symbols, and each
 * {@link io.entroflow.app.analyze.AnalyzeMeasure} (listed in
 * {@link io.entroflow.app.analyze.AnalyzeMeasures}) runs one operator over them and writes JSON lines.
 */
package io.entroflow.app.analyze;
