package io.entroflow.topology.route;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabelMatchersTest {
    private static final Map<String, String> ALERT = Map.of("alertname", "kind-entropy", "rule", "kind-entropy",
            "key", "svc-a", "severity", "warning", "monitor", "m", "operator", "kind");

    @Test
    void shouldParseTheIssueExampleWithAllFourOperators() {
        LabelMatchers m = LabelMatchers.parse("{rule=~\"kind.*\",key!=\"svc-d\", severity = warning, monitor!~\"x|y\"}");
        assertThat(m.matchers()).containsExactly(
                new LabelMatcher("rule", MatchType.REGEX, "kind.*"),
                new LabelMatcher("key", MatchType.NOT_EQUAL, "svc-d"),
                new LabelMatcher("severity", MatchType.EQUAL, "warning"),
                new LabelMatcher("monitor", MatchType.NOT_REGEX, "x|y"));
        assertThat(m.matches(ALERT)).isTrue();
        assertThat(m.matches(Map.of("rule", "kind-entropy", "key", "svc-d", "severity", "warning"))).isFalse();
    }

    @Test
    void shouldAnchorRegexesFullyAsAlertmanagerDoes() {
        assertThat(LabelMatchers.parse("{rule=~\"kind\"}").matches(ALERT)).isFalse();
        assertThat(LabelMatchers.parse("{rule=~\"entropy\"}").matches(Map.of("rule", "kind-entropy"))).isFalse();
        assertThat(LabelMatchers.parse("{rule=~\"a|kind-entropy\"}").matches(ALERT)).isTrue();
        assertThat(LabelMatchers.parse("{rule!~\"kind\"}").matches(ALERT)).isTrue();
        // the anchors wrap the whole alternation, not only its ends
        assertThat(LabelMatchers.parse("{rule=~\"x|kind\"}").matches(Map.of("rule", "kind-entropy"))).isFalse();
    }

    @Test
    void shouldTreatAMissingLabelAsTheEmptyValue() {
        assertThat(LabelMatchers.parse("{team!=\"db\"}").matches(ALERT)).isTrue();
        assertThat(LabelMatchers.parse("{team=\"\"}").matches(ALERT)).isTrue();
        assertThat(LabelMatchers.parse("{team=~\".*\"}").matches(ALERT)).isTrue();
        assertThat(LabelMatchers.parse("{team=~\".+\"}").matches(ALERT)).isFalse();
    }

    @Test
    void shouldAcceptEmptyInputsOptionalBracesAndATrailingComma() {
        assertThat(LabelMatchers.parse("").isEmpty()).isTrue();
        assertThat(LabelMatchers.parse("{}").isEmpty()).isTrue();
        assertThat(LabelMatchers.parse("  { }  ").matches(ALERT)).isTrue();
        assertThat(LabelMatchers.parse("key=svc-a,").matchers()).containsExactly(new LabelMatcher("key", MatchType.EQUAL, "svc-a"));
        assertThat(LabelMatchers.parse("{key=svc-a,}").matches(ALERT)).isTrue();
    }

    @Test
    void shouldUnquoteGoEscapesAndUtf8Names() {
        LabelMatchers m = LabelMatchers.parse("{\"my label\"=\"a \\\"b\\\" \\\\ \\n \\u00e9 \\x41\",\"🙂\"=x}");
        assertThat(m.matchers().get(0)).isEqualTo(new LabelMatcher("my label", MatchType.EQUAL, "a \"b\" \\ \n é A"));
        assertThat(m.matchers().get(1).name()).isEqualTo("🙂");
        assertThat(LabelMatchers.parse("{a=~\"\\\\d+\"}").matches(Map.of("a", "42"))).isTrue();
        assertThat(LabelMatchers.parse("{a=~\"\\\\d+\"}").matches(Map.of("a", "4x"))).isFalse();
    }

    @Test
    void shouldPrintInAlertmanagerFormAndParseBackToTheSame() {
        for (String text : List.of("{rule=~\"kind.*\",key!=\"svc-d\"}", "{\"my label\"=\"a \\\"b\\\"\\n\"}", "{}",
                "{a!~\"x\",b=\"\"}")) {
            LabelMatchers m = LabelMatchers.parse(text);
            assertThat(m.toString()).isEqualTo(text);
            assertThat(LabelMatchers.parse(m.toString())).isEqualTo(m);
        }
    }

    @Test
    void shouldNameThePositionOfEachSyntaxError() {
        assertError("{rule=~}", "7:8: unexpected }: expected label value");
        assertError("{rule}", "5:6: unexpected }: expected an operator such as '=', '!=', '=~' or '!~'");
        assertError("{rule=\"x\"", "9:9: unexpected end of input: expected close brace");
        assertError("rule=\"x\"}", "8:9: }: expected opening brace");
        assertError("{rule=\"x}", "6:9: \"x}: missing end \"");
        assertError("{rule!x}", "5:7: !x: expected one of '=~'");
        assertError("{rule=x y}", "8:9: unexpected y: expected a comma or close brace");
        assertError("{a=b,,}", "5:6: unexpected ,: expected a matcher or close brace after comma");
        assertError("{a='b'}", "3:4: ': invalid input");
        assertError("{a=\"\\q\"}", "3:7: \"\\q\": invalid input");
        assertError("{a=b} c", "6:7: c: expected end of input");
        assertError("{=b}", "1:2: unexpected =: expected label name");
    }

    @Test
    void shouldRejectARegexThatDoesNotCompileInOneLine() {
        assertThatThrownBy(() -> LabelMatchers.parse("{rule=~\"(\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid regular expression in rule=~\"(\": ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void shouldParseLabelSetsAndFingerprintThemLikeAlertRecords() {
        Map<String, String> labels = AlertLabels.parse("rule=kind-entropy,key=svc-a");
        assertThat(labels).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of("key", "svc-a", "rule", "kind-entropy")));
        assertThat(AlertLabels.fingerprint(labels)).matches("[0-9a-f]{16}")
                .isEqualTo(AlertLabels.fingerprint(Map.of("rule", "kind-entropy", "key", "svc-a")));
        assertThatThrownBy(() -> AlertLabels.parse("rule=~x")).hasMessage("labels: expected name=value pairs, got 'rule=~\"x\"'");
        assertThatThrownBy(() -> AlertLabels.parse("a=1,a=2")).hasMessage("labels: label 'a' given twice in 'a=1,a=2'");
    }

    private static void assertError(String input, String message) {
        assertThatThrownBy(() -> LabelMatchers.parse(input)).isInstanceOf(MatcherSyntaxException.class).hasMessage(message);
    }
}
