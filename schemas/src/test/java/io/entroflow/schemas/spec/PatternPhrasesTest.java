package io.entroflow.schemas.spec;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every {@code pattern} of the monitor-spec schema has words for its errors (none quotes a regular expression). */
class PatternPhrasesTest {
    @Test
    void shouldHaveWordsForEveryPatternOfTheSchema() throws Exception {
        String schema;
        try (InputStream in = MonitorSpecLoader.class.getResourceAsStream(MonitorSpecLoader.SCHEMA_RESOURCE)) {
            schema = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher m = Pattern.compile("\"pattern\": \"([^\"]*)\"").matcher(schema);
        int patterns = 0;
        while (m.find()) {
            patterns++;
            assertThat(PatternPhrases.expected(m.group(1))).as(m.group(1)).startsWith("expected ");
        }
        assertThat(patterns).isGreaterThan(5);
    }

    @Test
    void shouldQuoteAPatternWithoutWords() {
        assertThat(PatternPhrases.expected("^x+$")).isEqualTo("must match ^x+$");
    }
}
