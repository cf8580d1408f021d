package io.entroflow.app.record;

import java.nio.charset.StandardCharsets;

/**
 * A glob over a record key read as UTF-8 text: {@code *} matches any run of characters (also
 * none), {@code ?} exactly one character (a code point), every other character itself. A null key
 * matches no glob. Matching is linear in practice (greedy with one backtrack point per {@code *}).
 * Immutable and thread-safe.
 */
public final class KeyGlob {
    private final String pattern;
    private final int[] glob;

    private KeyGlob(String pattern) {
        this.pattern = pattern;
        this.glob = pattern.codePoints().toArray();
    }

    /** @throws IllegalArgumentException when {@code pattern} is null or empty */
    public static KeyGlob of(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            throw new IllegalArgumentException("--key-filter: expected a glob like 'svc-*', got '" + pattern + "'");
        }
        return new KeyGlob(pattern);
    }

    /** True when the key, as UTF-8 text (malformed bytes read as U+FFFD), matches. */
    public boolean matches(byte[] key) {
        return key != null && matches(new String(key, StandardCharsets.UTF_8));
    }

    public boolean matches(String text) {
        if (text == null) {
            return false;
        }
        int[] s = text.codePoints().toArray();
        int i = 0;
        int g = 0;
        int star = -1;
        int resume = 0;
        while (i < s.length) {
            if (g < glob.length && (glob[g] == '?' || (glob[g] != '*' && glob[g] == s[i]))) {
                i++;
                g++;
            } else if (g < glob.length && glob[g] == '*') {
                star = g++;
                resume = i;
            } else if (star >= 0) {
                g = star + 1;
                i = ++resume;
            } else {
                return false;
            }
        }
        while (g < glob.length && glob[g] == '*') {
            g++;
        }
        return g == glob.length;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
