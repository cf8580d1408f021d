package io.entroflow.schemas.spec;

import java.util.Map;

/**
 * What the monitor-spec schema's {@code pattern}s ask for, in words: a pattern error reads
 * {@code rules[0].for: expected a duration like 500ms, 2s or 1m, got "30x"} rather than quoting the
 * regular expression. A pattern not listed here is quoted ({@code must match ^...$}).
 */
final class PatternPhrases {
    private static final Map<String, String> EXPECTED = Map.of(
            "^[0-9]+(ms|s|m|h|d)$", "expected a duration like 500ms, 2s or 1m",
            "^[a-z][a-z0-9-]{0,62}$", "expected a name of lower-case letters, digits and '-', starting with a letter,"
                    + " at most 63 characters",
            "^[a-z][a-z0-9-]*$", "expected lower-case letters, digits and '-', starting with a letter",
            "^[a-zA-Z0-9._-]{1,249}$", "expected a topic name of letters, digits, '.', '_' and '-', at most 249 characters",
            "^(/[^/]*)+$", "expected a JSON pointer like /field or /field/sub");

    private PatternPhrases() {
    }

    /** The words for a value that does not match {@code pattern}, without the value. */
    static String expected(String pattern) {
        return EXPECTED.getOrDefault(pattern, "must match " + pattern);
    }
}
