package io.entroflow.topology.stream;

import io.entroflow.operators.hmm.SlidingWindowHmm;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rebuild replays a key's journal from a chunk boundary; the fixed-lag HMM's results are
 * bit-identical after a rebuild only if that boundary is a multiple of its block alignment.
 */
class JournalChunkAlignmentTest {
    @Test
    void chunksStartAtPositionsTheSlidingHmmIsAlignedTo() {
        assertThat(Journal.CHUNK % SlidingWindowHmm.ALIGNMENT).isZero();
    }
}
