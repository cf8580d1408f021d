package io.entroflow.topology.route;

import io.entroflow.schemas.wire.Notification;
import io.entroflow.schemas.wire.Silence;
import io.entroflow.schemas.wire.WebhookMessage;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.entroflow.topology.route.RouterDriver.alert;
import static io.entroflow.topology.route.RouterDriver.firing;
import static io.entroflow.topology.route.RouterTimingTest.M;
import static io.entroflow.topology.route.RouterTimingTest.S;
import static io.entroflow.topology.route.RouterTimingTest.alertNames;
import static io.entroflow.topology.route.RouterTimingTest.sub;
import static org.assertj.core.api.Assertions.assertThat;

/** Silences (start, end, expiry) and inhibition (Alertmanager semantics, self-inhibition pitfall). */
class RouterMutingTest {
    private static Silence silence(String id, String matchers, long from, long to) {
        return new Silence(id, matchers, Instant.ofEpochMilli(from).toString(), Instant.ofEpochMilli(to).toString(), "me", "test");
    }

    private static Inhibition rule(String source, String target, String... equal) {
        return new Inhibition(LabelMatchers.parse(source), LabelMatchers.parse(target), List.of(equal));
    }

    @Test
    void shouldMuteASilencedAlertAndNotifyItAtTheFirstFlushAfterTheSilenceExpires() {
        try (RouterDriver d = new RouterDriver(List.of())) {
            d.subscribe(sub("ops", "", List.of("key"), null, null), 0);
            d.silence(silence("s1", "{key=\"svc-a\"}", 0, 7 * M), 0);
            d.send(firing("a", "svc-a", 0), 0);
            d.send(firing("a", "svc-b", 0), 0);
            d.heartbeat(31 * S);
            assertThat(d.notifications()).extracting(n -> n.payload().groupLabels().get("key")).containsExactly("svc-b");
            d.heartbeat(5 * M + 31 * S);
            assertThat(d.notifications()).isEmpty(); // still silenced at the 5 m 30 s flush
            assertThat(d.state().get("m-route-silences-store")).containsOnlyKeys("s1");
            d.heartbeat(10 * M + 31 * S); // expired at 7 m by itself: notified at 10 m 30 s, and forgotten
            List<Notification> sent = d.notifications();
            assertThat(sent).extracting(Notification::time).containsExactly(10 * M + 30 * S);
            assertThat(alertNames(sent.get(0))).containsExactly("a/svc-a:firing");
            assertThat(sent.get(0).payload().notificationReason()).isEqualTo(WebhookMessage.REASON_FIRST);
            assertThat(d.state().get("m-route-silences-store")).isEmpty();
        }
    }

    @Test
    void shouldMuteRepeatsOnlyWhileASilenceStartedMidGroupIsActive() {
        try (RouterDriver d = new RouterDriver(List.of())) {
            d.subscribe(sub("ops", "", List.of(), "10m", null), 0);
            d.send(firing("a", "svc-a", 0), 0);
            d.heartbeat(31 * S);
            assertThat(d.notifications()).hasSize(1);
            // a silence from 8 m to 30 m: the repeats due at 15 m 30 s .. 25 m 30 s are muted
            d.silence(silence("s1", "{rule=\"a\"}", 8 * M, 30 * M), 2 * M);
            d.heartbeat(30 * M + 29 * S);
            assertThat(d.notifications()).isEmpty();
            d.heartbeat(30 * M + 31 * S);
            List<Notification> sent = d.notifications();
            assertThat(sent).extracting(Notification::time).containsExactly(30 * M + 30 * S);
            assertThat(sent.get(0).payload().notificationReason()).isEqualTo(WebhookMessage.REASON_REPEAT);
        }
    }

    @Test
    void shouldDeleteASilenceWithATombstoneAndDeadLetterABadOne() {
        try (RouterDriver d = new RouterDriver(List.of())) {
            d.subscribe(sub("ops", "", List.of(), null, null), 0);
            d.silence(silence("s1", "{key=\"svc-a\"}", 0, 60 * M), 0);
            d.send(firing("a", "svc-a", 0), 0);
            d.heartbeat(31 * S);
            assertThat(d.notifications()).isEmpty();
            d.raw("silences", "s2", "{\"id\":\"s2\",\"matchers\":\"{}\",\"starts_at\":\"1970-01-01T00:00:00Z\",\"ends_at\":\"1970-01-01T01:00:00Z\"}"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8), M);
            var dead = d.deadLetters();
            assertThat(dead).hasSize(1);
            assertThat(header(dead.get(0), "entroflow.reason")).isEqualTo("invalid_silence");
            assertThat(header(dead.get(0), "entroflow.detail")).isEqualTo("matchers: a silence needs at least one matcher, got '{}'");
            d.raw("silences", "s1", null, 2 * M);
            d.heartbeat(5 * M + 31 * S);
            assertThat(d.notifications()).extracting(Notification::time).containsExactly(5 * M + 30 * S);
        }
    }

    @Test
    void shouldLetAFiringSourceMuteTargetsWithEqualLabelsOnly() {
        try (RouterDriver d = new RouterDriver(List.of(rule("{rule=\"stream-silent\"}", "{rule=\"entropy-low\"}", "key")))) {
            d.subscribe(sub("ops", "", List.of("..."), null, null), 0);
            d.send(firing("stream-silent", "svc-a", 0), 0);
            d.send(firing("entropy-low", "svc-a", 0), 0);
            d.send(firing("entropy-low", "svc-b", 0), 0);
            d.heartbeat(31 * S);
            assertThat(d.notifications()).extracting(n -> alertNames(n).get(0))
                    .containsExactlyInAnyOrder("stream-silent/svc-a:firing", "entropy-low/svc-b:firing");
            // the source resolves: the target is no longer muted and is notified at its group's next flush
            d.send(RouterDriver.resolved("stream-silent", "svc-a", 0, M), M);
            d.heartbeat(5 * M + 31 * S);
            assertThat(d.notifications()).extracting(n -> alertNames(n).get(0))
                    .containsExactlyInAnyOrder("stream-silent/svc-a:resolved", "entropy-low/svc-a:firing");
        }
    }

    @Test
    void shouldNotLetAnAlertMatchingBothSidesInhibitItselfOrItsPeers() {
        // Alertmanager's pitfall: source and target both match severity=critical
        Inhibition r = rule("{severity=\"critical\"}", "{severity=~\"critical|warning\"}", "key");
        try (RouterDriver d = new RouterDriver(List.of(r))) {
            d.subscribe(sub("ops", "", List.of("..."), null, null), 0);
            d.send(alert("a", "svc-a", "critical", "firing", 0, -1), 0);
            d.send(alert("b", "svc-a", "critical", "firing", 0, -1), 0);
            d.send(alert("c", "svc-a", "warning", "firing", 0, -1), 0);
            d.heartbeat(31 * S);
            assertThat(d.notifications()).extracting(n -> alertNames(n).get(0))
                    .containsExactlyInAnyOrder("a/svc-a:firing", "b/svc-a:firing");
        }
        assertThat(r.mutes(alert("a", "k", "critical", "firing", 0, -1).labels(),
                List.of(alert("a", "k", "critical", "firing", 0, -1).labels()))).isFalse();
    }

    @Test
    void shouldTreatAMissingEqualLabelAsEmptyOnBothSides() {
        Inhibition r = rule("{rule=\"s\"}", "{rule=\"t\"}", "team");
        assertThat(r.mutes(java.util.Map.of("rule", "t"), List.of(java.util.Map.of("rule", "s")))).isTrue();
        assertThat(r.mutes(java.util.Map.of("rule", "t", "team", "x"), List.of(java.util.Map.of("rule", "s")))).isFalse();
    }

    static String header(org.apache.kafka.streams.test.TestRecord<byte[], byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
