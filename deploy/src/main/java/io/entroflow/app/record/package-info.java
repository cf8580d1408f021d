/**
 * Record and replay: {@link io.entroflow.app.record.Recorder} appends every committed record of
 * some topics to a {@link io.entroflow.app.record.RecordingQueue} (a Chronicle Queue, one file per
 * UTC day, documents laid out by {@code RecordFormat}) and resumes after a crash from the queue
 * itself; {@link io.entroflow.app.record.Replayer} writes a recording back to a topic, paced by the
 * recorded timestamps, filtered by time and by a {@link io.entroflow.app.record.KeyGlob}.
 */
package io.entroflow.app.record;
