package io.entroflow.topology.stream;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class JournalTest {
    @Test
    void shouldRoundTripAChunksHeaderAndEventsIncludingExtremeValues() {
        long[] events = {0, 5, EventParser.MAX_TIME, Long.MIN_VALUE, 17, Long.MAX_VALUE, 16, -1, 1_700_000_000_000L, 3};
        byte[] entries = new byte[events.length * Journal.MAX_VAR_LONG];
        int length = 0;
        long previous = 0;
        for (int i = 0; i < events.length; i += 2) {
            length = Journal.putVarLong(entries, length, events[i] - previous);
            previous = events[i];
            length = Journal.putVarLong(entries, length, events[i + 1]);
        }
        Journal.Header h = new Journal.Header(5, 5, Long.MIN_VALUE, "tópic", 7, -1, Long.MAX_VALUE, 0, 1_700_000,
                KeyState.NONE);
        byte[] chunk = Journal.encodeChunk(h, "tópic".getBytes(StandardCharsets.UTF_8), entries, length);
        assertThat(Journal.decodeHeader(chunk)).isEqualTo(h);
        assertThat(Journal.decodeEntries(chunk, 2)).containsExactly(events);
        assertThat(chunk.length - Journal.entriesStart(chunk)).isEqualTo(length);

        // a chunk written before the header held the key's intervals: the same without the mark and them
        byte[] old = withoutTicks(chunk);
        assertThat(Journal.decodeHeader(old)).isEqualTo(new Journal.Header(5, 5, Long.MIN_VALUE, "tópic", 7, -1,
                Long.MAX_VALUE, 0, false, 0, 0));
        assertThat(Journal.decodeEntries(old, 2)).containsExactly(events);
        assertThat(old.length - Journal.entriesStart(old)).isEqualTo(length);
    }

    /** A chunk as written before session 10: the header starts at the sequence (no mark, no intervals). */
    static byte[] withoutTicks(byte[] chunk) {
        int[] pos = {0};
        assertThat(Journal.getVarLong(chunk, pos)).as("the mark").isEqualTo(-1);
        Journal.getVarLong(chunk, pos);
        Journal.getVarLong(chunk, pos);
        return java.util.Arrays.copyOfRange(chunk, pos[0], chunk.length);
    }

    @Test
    void shouldSizeEveryVarintAsWritten() {
        Random r = new Random(3);
        byte[] buf = new byte[Journal.MAX_VAR_LONG];
        for (int i = 0; i < 10_000; i++) {
            long v = r.nextLong() >> r.nextInt(64);
            int written = Journal.putVarLong(buf, 0, v);
            assertThat(Journal.varLongSize(v)).isEqualTo(written);
            assertThat(Journal.getVarLong(buf, new int[] {0})).isEqualTo(v);
        }
    }
}
