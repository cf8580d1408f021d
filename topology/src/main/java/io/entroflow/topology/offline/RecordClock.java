package io.entroflow.topology.offline;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The wall clock of an offline run: the timestamp of the input record being processed, set by the
 * caller before each record ({@link #set}). A live monitor reads the wall clock when a record
 * arrives, about when it was produced, so its record timestamp is what the clock read then; with
 * this clock the wall-clock reads of the topology ({@code input.max-future}, absence rules, whose
 * punctuations the runner runs on this clock: {@link OfflineRunner#wallClock}) give the same answer
 * in every run of the same input. Not thread-safe (the run's one thread).
 */
public final class RecordClock extends Clock {
    private long millis;

    /** The clock now reads {@code epochMillis}. */
    public void set(long epochMillis) {
        this.millis = epochMillis;
    }

    @Override
    public long millis() {
        return millis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("RecordClock is UTC only");
    }
}
