package io.entroflow.app.http;

import io.entroflow.app.files.FileProblems;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * The bearer token that guards the HTTP endpoints ({@code Authorization: Bearer <token>},
 * RFC 6750). A presented token is compared in constant time: both sides are hashed with SHA-256 and
 * the digests compared with {@link MessageDigest#isEqual}, so neither the length nor any prefix of
 * the token leaks through response times. Immutable, thread-safe.
 */
public final class BearerToken {
    private static final String SCHEME = "bearer ";
    private final byte[] digest;

    /** @param token the token: at least 16 characters, no whitespace */
    public BearerToken(String token) {
        if (token.length() < 16 || token.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("--http-token-file: the token must be at least 16 characters without "
                    + "whitespace, got " + token.length() + " characters");
        }
        this.digest = sha256(token);
    }

    /** The token in {@code file} (surrounding whitespace, such as a final newline, is ignored). */
    public static BearerToken fromFile(Path file) {
        try {
            return new BearerToken(Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(FileProblems.unreadable("--http-token-file", file, e), e);
        }
    }

    /** Whether an {@code Authorization} header value (may be null) carries this token. */
    public boolean accepts(String authorization) {
        if (authorization == null || authorization.length() <= SCHEME.length()
                || !authorization.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(authorization.substring(SCHEME.length()).strip()));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
