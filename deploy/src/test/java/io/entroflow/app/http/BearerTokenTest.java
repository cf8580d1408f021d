package io.entroflow.app.http;

import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BearerTokenTest {
    @Test
    void shouldReadTheTokenFromAFileIgnoringTheFinalNewline() throws Exception {
        Path file = Files.createTempFile("token", ".txt");
        Files.writeString(file, "abcdefghijklmnop-1234\n");
        BearerToken token = BearerToken.fromFile(file);
        assertThat(token.accepts("Bearer abcdefghijklmnop-1234")).isTrue();
        assertThat(token.accepts("Bearer abcdefghijklmnop-1234\n")).isTrue();
        assertThat(token.accepts("Bearer abcdefghijklmnop-123")).isFalse();
        assertThat(token.accepts(null)).isFalse();
    }

    @Test
    void shouldRefuseShortOrBlankTokens() throws Exception {
        assertThatThrownBy(() -> new BearerToken("short")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--http-token-file").hasMessageContaining("at least 16");
        assertThatThrownBy(() -> new BearerToken("with space inside token")).isInstanceOf(IllegalArgumentException.class);
        Path empty = Files.createTempFile("token", ".txt");
        assertThatThrownBy(() -> BearerToken.fromFile(empty)).isInstanceOf(IllegalArgumentException.class);
        Path missing = empty.resolveSibling("missing-" + System.nanoTime());
        assertThatThrownBy(() -> BearerToken.fromFile(missing))
                .isInstanceOf(UncheckedIOException.class).hasMessage("--http-token-file: no such file '" + missing + "'");
    }
}
