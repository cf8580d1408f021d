package io.entroflow.topology.stream;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PointerReaderTest {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    private static final String[] POINTERS = {"/k", "/ts", "/a/b", "/a", "/arr/1", "/n", "/x~1y", "/0", "/big", "/f"};

    @ParameterizedTest
    @ValueSource(strings = {
            "{}",
            "{\"k\": \"key\", \"ts\": 12, \"n\": 1.5, \"f\": true}",
            "{\"k\": 7, \"ts\": 12345678901234, \"n\": NaN, \"f\": null, \"big\": 123456789012345678901234567890}",
            "{\"a\": {\"b\": [1, 2], \"c\": 3}, \"arr\": [\"x\", {\"y\": 1}], \"x/y\": \"slash\", \"0\": \"zero\"}",
            "{\"a\": 1, \"a\": {\"b\": \"last wins\"}, \"k\": {\"nested\": true}, \"k\": [1]}",
            "{\"a\": {\"b\": 1}, \"a\": 2, \"skip\": {\"deep\": [1, {\"x\": [true, null]}]}, \"ts\": \"2026-01-01T00:00:00Z\"}",
            "{\"n\": -0.0, \"ts\": 1e3, \"k\": \"\\u00e9\\n\"} trailing",
            "[1, 2]",
            "\"text\"",
            "null",
            "",
    })
    void shouldReadTheSameNodesAsPointerLookupsOnTheTree(String doc) throws IOException {
        byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
        JsonPointer[] pointers = new JsonPointer[POINTERS.length + 1];
        for (int i = 0; i < POINTERS.length; i++) {
            pointers[i] = JsonPointer.compile(POINTERS[i]);
        }
        JsonNode[] read = new PointerReader(JSON, pointers).read(bytes);
        JsonNode root = JSON.readTree(bytes);
        if (root == null || !root.isObject()) {
            assertThat(read).isNull();
            return;
        }
        for (int i = 0; i < POINTERS.length; i++) {
            JsonNode expected = root.at(pointers[i]);
            assertThat(read[i]).as(POINTERS[i]).isEqualTo(expected);
            assertThat(read[i].getNodeType()).as(POINTERS[i]).isEqualTo(expected.getNodeType());
            assertThat(read[i].asText()).as(POINTERS[i]).isEqualTo(expected.asText());
        }
        assertThat(read[POINTERS.length].isMissingNode()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{not json", "{\"k\": \"x\"", "{\"k\": [1, }", "{\"skip\": {\"a\": tru}}", "{\"k\": \"x\",}"})
    void shouldFailWithTheTreeParsersMessageOnInvalidJson(String doc) {
        byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
        String expected;
        try {
            JSON.readTree(bytes);
            throw new AssertionError("tree parser accepted " + doc);
        } catch (IOException e) {
            expected = e.getMessage().split("\n", 2)[0];
        }
        assertThatThrownBy(() -> new PointerReader(JSON, new JsonPointer[] {JsonPointer.compile("/k")}).read(bytes))
                .isInstanceOf(IOException.class)
                .satisfies(e -> assertThat(e.getMessage().split("\n", 2)[0]).isEqualTo(expected));
    }
}
