package io.entroflow.topology.alert;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FingerprintsTest {
    @Test
    void shouldNotDependOnLabelOrder() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("b", "2");
        a.put("a", "1");
        assertThat(Fingerprints.of(a)).isEqualTo(Fingerprints.of(Map.of("a", "1", "b", "2"))).matches("[0-9a-f]{16}");
    }

    @Test
    void shouldSeparateNamesFromValues() {
        assertThat(Fingerprints.of(Map.of("ab", "c"))).isNotEqualTo(Fingerprints.of(Map.of("a", "bc")));
    }

    @Test
    void shouldHashTheEmptyLabelSetToTheFnvOffsetBasis() {
        assertThat(Fingerprints.of(Map.of())).isEqualTo("cbf29ce484222325");
    }
}
