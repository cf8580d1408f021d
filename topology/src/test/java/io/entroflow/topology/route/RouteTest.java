package io.entroflow.topology.route;

import io.entroflow.schemas.wire.Silence;
import io.entroflow.schemas.wire.Subscription;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouteTest {
    private static Subscription sub(String match, Subscription.Target to, List<String> groupBy, String interval) {
        return new Subscription("ops", match, to, groupBy, null, interval, null, null);
    }

    @Test
    void shouldValidateAndGroupLikeAlertmanager() {
        Route r = Route.of(sub("{rule=~\"kind.*\"}", Subscription.Target.topic("pager"), List.of("key", "team"), null));
        Map<String, String> labels = Map.of("rule", "kind-x", "key", "svc-a", "severity", "warning");
        assertThat(r.matches(labels)).isTrue();
        assertThat(r.groupLabels(labels)).containsExactlyEntriesOf(Map.of("key", "svc-a"));
        assertThat(r.groupWaitMillis()).isEqualTo(30_000);
        Route all = Route.of(sub("", Subscription.Target.webhook("http://127.0.0.1:9/h"), List.of("..."), null));
        assertThat(all.groupLabels(labels)).isEqualTo(new java.util.TreeMap<>(labels));
        Route none = Route.of(sub(null, Subscription.Target.alertmanager("https://am.example:9093"), null, null));
        assertThat(none.groupLabels(labels)).isEmpty();
    }

    @Test
    void shouldRejectBadSubscriptionsInOneLineNamingTheField() {
        assertThatThrownBy(() -> Route.of(sub("{rule=~}", Subscription.Target.topic("t"), null, null)))
                .hasMessage("match: 7:8: unexpected }: expected label value in '{rule=~}'");
        assertThatThrownBy(() -> Route.of(sub("", Subscription.Target.topic("a b"), null, null)))
                .hasMessage("to.topic: not a valid Kafka topic name: 'a b'");
        assertThatThrownBy(() -> Route.of(sub("", Subscription.Target.webhook("ftp://h/x"), null, null)))
                .hasMessage("to.webhook: expected an absolute http(s) URL, got 'ftp://h/x'");
        assertThatThrownBy(() -> Route.of(sub("", Subscription.Target.topic("t"), null, "0s")))
                .hasMessage("group_interval: must be > 0, got '0s'");
        assertThatThrownBy(() -> Route.of(sub("", null, null, null)))
                .hasMessageStartingWith("to: missing");
        assertThatThrownBy(() -> Route.of(new Subscription(" ", "", Subscription.Target.topic("t"), null, null, null, null, null)))
                .hasMessage("id: missing, a subscription needs an id");
    }

    @Test
    void shouldMuteOnlyInsideTheSilenceWindow() {
        Mute m = Mute.of(new Silence("s1", "{key=\"svc-a\"}", "2026-01-01T00:00:00Z", "2026-01-01T01:00:00Z", "me", "x"));
        long start = m.startsMillis();
        assertThat(m.mutes(Map.of("key", "svc-a"), start)).isTrue();
        assertThat(m.mutes(Map.of("key", "svc-a"), start - 1)).isFalse();
        assertThat(m.mutes(Map.of("key", "svc-a"), m.endsMillis())).isFalse();
        assertThat(m.mutes(Map.of("key", "svc-b"), start)).isFalse();
        assertThatThrownBy(() -> Mute.of(new Silence("s", "{}", "2026-01-01T00:00:00Z", "2026-01-01T01:00:00Z", null, null)))
                .hasMessage("matchers: a silence needs at least one matcher, got '{}'");
        assertThatThrownBy(() -> Mute.of(new Silence("s", "{a=b}", "2026-01-01T01:00:00Z", "2026-01-01T00:00:00Z", null, null)))
                .hasMessage("ends_at: must be after starts_at 2026-01-01T01:00:00Z, got 2026-01-01T00:00:00Z");
    }
}
