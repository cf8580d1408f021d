package io.entroflow.app.record;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyGlobTest {

    @ParameterizedTest(name = "''{0}'' matches ''{1}'': {2}")
    @CsvSource(delimiter = '|', value = {
            "svc-*      | svc-a        | true",
            "svc-*      | svc-         | true",
            "svc-*      | svx-a        | false",
            "svc-?      | svc-a        | true",
            "svc-?      | svc-ab       | false",
            "svc-?      | svc-         | false",
            "*          | ''           | true",
            "*a*b*      | xxaxxbxx     | true",
            "*a*b*      | xxbxxaxx     | false",
            "a*b*c      | abbbcbc      | true",
            "a*b*c      | abbbcbd      | false",
            "*.*        | file.txt     | true",
            "exact      | exact        | true",
            "exact      | exactly      | false",
            "??         | ün           | true",
            "?          | ✓            | true",
            "**         | anything     | true",
            "a\\b       | a\\b         | true",
    })
    void shouldMatchStarAndQuestionMarkAgainstTheKeyText(String glob, String text, boolean expected) {
        assertThat(KeyGlob.of(glob).matches(text)).isEqualTo(expected);
        assertThat(KeyGlob.of(glob).matches(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
    }

    @Test
    void shouldMatchNoNullKey() {
        assertThat(KeyGlob.of("*").matches((byte[]) null)).isFalse();
    }

    @Test
    void shouldRejectAnEmptyGlobNamingTheOption() {
        assertThatThrownBy(() -> KeyGlob.of("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--key-filter:");
    }

    @Test
    void shouldMatchALongKeyAgainstManyStarsQuickly() {
        String key = "a".repeat(10_000);
        assertThat(KeyGlob.of("*a*a*a*a*a*b").matches(key)).isFalse();
        assertThat(KeyGlob.of("*a*a*a*a*a*").matches(key)).isTrue();
    }
}
