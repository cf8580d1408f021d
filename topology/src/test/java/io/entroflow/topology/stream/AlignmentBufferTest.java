package io.entroflow.topology.stream;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class AlignmentBufferTest {
    private static final long X = 1L;
    private static final long Y = 2L;

    @Test
    void shouldKeepTheLastValuePerBucketHoldItAcrossBucketsAndSkipEmptyBuckets() {
        AlignmentBuffer a = new AlignmentBuffer(1_000, 2);
        a.add(100, new long[] {7, 0}, X);
        a.add(900, new long[] {8, 0}, X);     // later in the bucket: replaces 7
        a.add(500, new long[] {0, 3}, Y);
        a.add(1_200, new long[] {0, 4}, Y);   // bucket 1: only y
        a.add(3_100, new long[] {9, 0}, X);   // bucket 3; bucket 2 has no event
        List<AlignmentBuffer.Sample> closed = a.close(3_100);
        assertThat(closed).hasSize(2);
        assertThat(closed.get(0).time()).isEqualTo(999);
        assertThat(closed.get(0).values()).containsExactly(8, 3);
        assertThat(closed.get(0).present()).isEqualTo(X | Y);
        assertThat(closed.get(1).time()).isEqualTo(1_999);
        assertThat(closed.get(1).values()).containsExactly(8, 4); // x held from bucket 0
        assertThat(a.close(3_999)).isEmpty();                      // bucket 3 ends at 4,000
        assertThat(a.close(4_000)).singleElement().satisfies(s -> assertThat(s.values()).containsExactly(9, 4));
    }

    @Test
    void shouldNotDependOnArrivalOrderWithinTheOpenBuckets() throws IOException {
        Random r = new Random(3);
        List<long[]> events = new ArrayList<>(); // time, signal, value
        for (int i = 0; i < 200; i++) {
            events.add(new long[] {25L * i + r.nextInt(25), r.nextInt(2), r.nextInt(4)}); // distinct times
        }
        List<String> first = null;
        for (int round = 0; round < 5; round++) {
            Collections.shuffle(events, r);
            AlignmentBuffer a = new AlignmentBuffer(250, 2);
            List<String> out = new ArrayList<>();
            for (long[] e : events) {
                long[] v = new long[2];
                v[(int) e[1]] = e[2];
                a.add(e[0], v, 1L << e[1]);
                a = roundTrip(a);
            }
            a.close(10_000).forEach(s -> out.add(s.time() + ":" + s.values()[0] + "," + s.values()[1] + "/" + s.present()));
            if (first == null) {
                first = out;
            } else {
                assertThat(out).isEqualTo(first);
            }
        }
        assertThat(first).hasSizeGreaterThan(15);
    }

    private static AlignmentBuffer roundTrip(AlignmentBuffer a) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            a.write(out);
        }
        return AlignmentBuffer.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    }
}
