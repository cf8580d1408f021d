/**
 * {@code entroflow reprocess}: a spec run again from a point in time, under its own application id
 * and into its own output topics, beside the live monitor. See docs/record-replay.md, "Reprocess".
 */
package io.entroflow.app.reprocess;
