package io.entroflow.topology.stream;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

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
        JsonNode root;
        try {
            root = strictTree(bytes);
        } catch (IOException e) {
            assertThatThrownBy(() -> new PointerReader(JSON, pointers).read(bytes)).isInstanceOf(IOException.class)
                    .satisfies(x -> assertThat(x.getMessage()).startsWith(e.getMessage().split("\n", 2)[0]));
            return;
        }
        JsonNode[] read = new PointerReader(JSON, pointers).read(bytes);
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

    /**
     * Flat documents (the parser-free path) and near misses of them (escapes, fractions, exponents,
     * leading zeros, long numbers, bad literals, missing or extra separators, non-ASCII, nesting),
     * seeded: the same nodes as the tree, or the tree parser's error.
     */
    @Test
    void shouldReadFlatDocumentsAndTheirNearMissesLikeTheTree() throws IOException {
        String[] names = {"k", "ts", "n", "f", "a", "x/y", "0", "big", "other"};
        String[] values = {"\"v\"", "\"\"", "\"a b\"", "\"\\n\"", "\"\u00e9\"", "\"\t\"", "0", "-0", "7", "-12",
                "2147483647", "2147483648", "-2147483649", "123456789012345678", "1234567890123456789", "01", "1.5",
                "1e3", "-", "NaN", "-Infinity", "true", "false", "null", "tru", "truex", "nul", "12a", "{\"b\": 1}",
                "[1]", "\"\\u0041\""};
        String[] spaces = {"", " ", "\n", "\t ", "\r\n"};
        JsonPointer[] pointers = new JsonPointer[POINTERS.length];
        for (int i = 0; i < POINTERS.length; i++) {
            pointers[i] = JsonPointer.compile(POINTERS[i]);
        }
        PointerReader reader = new PointerReader(JSON, pointers);
        Random r = new Random(11);
        for (int round = 0; round < 20_000; round++) {
            StringBuilder b = new StringBuilder(spaces[r.nextInt(spaces.length)]).append('{');
            for (int f = r.nextInt(5); f > 0; f--) {
                b.append(spaces[r.nextInt(spaces.length)]).append('"').append(names[r.nextInt(names.length)]).append('"')
                        .append(spaces[r.nextInt(spaces.length)]).append(r.nextInt(40) == 0 ? "" : ":")
                        .append(spaces[r.nextInt(spaces.length)]).append(values[r.nextInt(values.length)])
                        .append(spaces[r.nextInt(spaces.length)]).append(f > 1 || r.nextInt(30) == 0 ? "," : "");
            }
            b.append(r.nextInt(40) == 0 ? "" : "}").append(r.nextInt(10) == 0 ? " trailing" : "");
            byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
            JsonNode root;
            try {
                root = strictTree(bytes);
            } catch (IOException e) {
                String expected = e.getMessage().split("\n", 2)[0];
                assertThatThrownBy(() -> reader.read(bytes)).as(b.toString()).isInstanceOf(IOException.class)
                        .satisfies(x -> assertThat(x.getMessage().split("\n", 2)[0]).startsWith(expected));
                continue;
            }
            JsonNode[] read = reader.read(bytes);
            for (int i = 0; i < POINTERS.length; i++) {
                JsonNode expected = root.at(pointers[i]);
                assertThat(read[i]).as(b + " at " + POINTERS[i]).isEqualTo(expected);
                assertThat(read[i].getNodeType()).as(b + " at " + POINTERS[i]).isEqualTo(expected.getNodeType());
                assertThat(read[i].getClass()).as(b + " at " + POINTERS[i]).isEqualTo(expected.getClass());
            }
        }
    }

    /** The tree parser, refusing content after the document as the reader does (readTree alone ignores it). */
    private static JsonNode strictTree(byte[] bytes) throws IOException {
        try (com.fasterxml.jackson.core.JsonParser p = JSON.createParser(bytes)) {
            JsonNode root = JSON.readTree(p);
            if (p.nextToken() != null) {
                throw new IOException("trailing content after the JSON document");
            }
            return root;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"k\": 1}\n{\"k\": 2}", "{\"k\": \"x\"} {}", "{\"k\": {\"a\": 1}} [1]", "[1] 2", "{} x"})
    void shouldRefuseContentAfterTheDocument(String doc) {
        byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new PointerReader(JSON, new JsonPointer[] {JsonPointer.compile("/k")}).read(bytes))
                .isInstanceOf(IOException.class)
                .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("trailing content after the JSON document at byte",
                        "Unrecognized token"));
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
