package io.entroflow.operators.conformal;

import io.entroflow.operators.state.Checkpointable;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checkpoints recorded by an earlier build, one hex line each, in a resource beside the test: the
 * stored format that later builds must still restore and write again byte for byte.
 */
public final class RecordedCheckpoints {
    private RecordedCheckpoints() {
    }

    /** The states in {@code resource} (next to {@code test}), in file order. */
    public static List<byte[]> read(Class<?> test, String resource) {
        try (InputStream in = test.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().filter(l -> !l.isBlank())
                    .map(l -> HexFormat.of().parseHex(l.strip())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Restores {@code state} into {@code fresh} and checks that it writes the same bytes again. */
    public static void assertRestoresByteForByte(Checkpointable fresh, byte[] state, String what) {
        fresh.restore(state);
        assertThat(fresh.checkpoint()).as(what + " restored").isEqualTo(state);
    }
}
