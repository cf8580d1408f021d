package io.entroflow.operators.detect;

import io.entroflow.operators.internal.state.StateReader;
import io.entroflow.operators.internal.state.StateWriter;

/** Checks that a state was written by a detector of the same configuration. */
final class DetectorStates {
    private DetectorStates() {
    }

    /**
     * Reads as many bytes as {@code mine} holds and compares them with it.
     *
     * @throws IllegalArgumentException when they differ
     */
    static void expectConfig(StateReader in, StateWriter mine, String what, Object config) {
        byte[] expected = mine.toByteArray();
        if (expected.length % Integer.BYTES != 0) {
            throw new IllegalStateException("config fingerprint of " + expected.length + " bytes");
        }
        for (int i = 0; i < expected.length; i += Integer.BYTES) {
            int e = ((expected[i] & 0xFF) << 24) | ((expected[i + 1] & 0xFF) << 16) | ((expected[i + 2] & 0xFF) << 8)
                    | (expected[i + 3] & 0xFF);
            if (in.getInt() != e) {
                throw new IllegalArgumentException("state: " + what + " of another configuration restored into " + config);
            }
        }
    }
}
