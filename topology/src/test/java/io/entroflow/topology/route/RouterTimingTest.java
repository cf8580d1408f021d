package io.entroflow.topology.route;

import io.entroflow.schemas.wire.AlertRecord;
import io.entroflow.schemas.wire.Notification;
import io.entroflow.schemas.wire.Subscription;
import io.entroflow.schemas.wire.WebhookMessage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.entroflow.topology.route.RouterDriver.firing;
import static io.entroflow.topology.route.RouterDriver.resolved;
import static org.assertj.core.api.Assertions.assertThat;

/** group_wait, group_interval, repeat_interval and send_resolved in event time, as Alertmanager's dispatcher and dedup stage. */
class RouterTimingTest {
    static final long S = 1_000;
    static final long M = 60 * S;
    static final long H = 60 * M;

    static Subscription sub(String id, String match, List<String> groupBy, String repeat, Boolean sendResolved) {
        return new Subscription(id, match, Subscription.Target.topic("pager"), groupBy, "30s", "5m", repeat, sendResolved);
    }

    static List<String> alertNames(Notification n) {
        return n.payload().alerts().stream().map(a -> a.labels().get("rule") + "/" + a.labels().get("key") + ":" + a.status())
                .toList();
    }

    @Test
    void shouldNotifyAGroupGroupWaitAfterItsFirstAlertInEventTime() {
        try (RouterDriver d = new RouterDriver(List.of())) {
            d.subscribe(sub("ops", "{rule=~\"kind.*\"}", List.of("key"), null, null), 0);
            AlertRecord a = firing("kind-entropy", "svc-a", 10 * S);
            d.send(a, 10 * S);
            d.heartbeat(40 * S); // the flush at 40 s runs once every partition is past 40 s
            assertThat(d.notifications()).isEmpty();
            d.heartbeat(40 * S + 1);
            List<Notification> sent = d.notifications();
            assertThat(sent).hasSize(1);
            Notification n = sent.get(0);
            assertThat(n.time()).isEqualTo(40 * S);
            assertThat(n.subscription()).isEqualTo("ops");
            assertThat(n.sequence()).isEqualTo(1);
            assertThat(n.id()).isEqualTo("ops/" + AlertLabels.fingerprint(Map.of("key", "svc-a")) + "/1970-01-01T00:00:40Z");
            WebhookMessage p = n.payload();
            assertThat(p.version()).isEqualTo("4");
            assertThat(p.receiver()).isEqualTo("ops");
            assertThat(p.status()).isEqualTo("firing");
            assertThat(p.groupKey()).isEqualTo("{}/{rule=~\"kind.*\"}:{key=\"svc-a\"}");
            assertThat(p.groupLabels()).isEqualTo(Map.of("key", "svc-a"));
            assertThat(p.commonLabels()).isEqualTo(a.labels());
            assertThat(p.commonAnnotations()).isEqualTo(a.annotations());
            assertThat(p.externalURL()).isEqualTo("http://am.example");
            assertThat(p.notificationReason()).isEqualTo(WebhookMessage.REASON_FIRST);
            assertThat(p.truncatedAlerts()).isZero();
            assertThat(p.alerts()).containsExactly(new WebhookMessage.Alert("firing", new java.util.TreeMap<>(a.labels()),
                    a.annotations(), "1970-01-01T00:00:10Z", AlertRecord.ZERO_TIME, "", a.fingerprint()));
            assertThat(d.topic("pager")).containsExactly(p);
        }
    }

    @Test
    void shouldBatchChangesEveryGroupIntervalAndNeverSendTheSameTransitionTwice() {
        try (RouterDriver d = new RouterDriver(List.of())) {
            d.subscribe(sub("ops", "", List.of("key"), null, null), 0);
            d.send(firing("a", "svc-a", 0), 0);
            d.heartbeat(31 * S);
            assertThat(d.notifications()).extracting(RouterTimingTest::alertNames).containsExactly(List.of("a/svc-a:firing"));
            d.send(firing("b", "svc-a", 40 * S), 40 * S);
            d.send(firing("a", "svc-a", 0), 50 * S); // the same transition again (a replayed record)
            d.send(firing("c", "svc-a", 60 * S), 60 * S);
            d.heartbeat(5 * M + 30 * S);
            assertThat(d.notifications()).isEmpty(); // next flush at 30 s + 5 m
            d.heartbeat(5 * M + 31 * S);
            List<Notification> sent = d.notifications();
            assertThat(sent).hasSize(1);
            assertThat(sent.get(0).time()).isEqualTo(5 * M + 30 * S);
            assertThat(sent.get(0).sequence()).isEqualTo(2);
            assertThat(sent.get(0).payload().notificationReason()).isEqualTo(WebhookMessage.REASON_NEW_ALERTS);
            assertThat(alertNames(sent.get(0))).containsExactlyInAnyOrder("a/svc-a:firing", "b/svc-a:firing", "c/svc-a:firing");
            assertThat(sent.get(0).payload().commonLabels()).containsEntry("key", "svc-a").doesNotContainKey("rule");
            d.send(firing("a", "svc-a", 0), 6 * M);
            d.heartbeat(30 * M);
            assertThat(d.notifications()).isEmpty();
        }
    }

    @Test
    void shouldKeepGroupsApartAndGiveEachItsOwnGroupWait() {
        try (RouterDriver d = new RouterDriver(List.of())) {
            d.subscribe(sub("ops", "", List.of("key"), null, null), 0);
            d.send(firing("a", "svc-a", 0), 0);
            d.send(firing("a", "svc-b", 20 * S), 20 * S);
            d.heartbeat(31 * S);
            assertThat(d.notifications()).extracting(RouterTimingTest::alertNames).containsExactly(List.of("a/svc-a:firing"));
            d.heartbeat(51 * S);
            assertThat(d.notifications()).extracting(n -> n.payload().groupLabels()).containsExactly(Map.of("key", "svc-b"));
        }
    }

    @Test
    void shouldRepeatAStillFiringGroupAtTheFirstGroupIntervalMoreThanRepeatIntervalAfterTheLastNotification() {
        try (RouterDriver d = new RouterDriver(List.of())) {
            d.subscribe(sub("ops", "", List.of(), "1h", null), 0);
            d.send(firing("a", "svc-a", 0), 0);
            d.heartbeat(31 * S);
            assertThat(d.notifications()).hasSize(1);
            // flushes at 30 s + k * 5 m; Alertmanager repeats when last < now - repeat (strictly): k = 13
            d.heartbeat(60 * M + 30 * S + 1);
            assertThat(d.notifications()).isEmpty();
            d.heartbeat(65 * M + 30 * S + 1);
            List<Notification> sent = d.notifications();
            assertThat(sent).extracting(Notification::time).containsExactly(65 * M + 30 * S);
            assertThat(sent.get(0).payload().notificationReason()).isEqualTo(WebhookMessage.REASON_REPEAT);
            assertThat(sent.get(0).payload().groupKey()).isEqualTo("{}/{}:{}");
            d.heartbeat(131 * M);
            assertThat(d.notifications()).extracting(Notification::time).containsExactly(130 * M + 30 * S);
        }
    }

    @Test
    void shouldNotifyResolutionsOnceAndThenForgetTheGroup() {
        try (RouterDriver d = new RouterDriver(List.of())) {
            d.subscribe(sub("ops", "", List.of("key"), "1h", null), 0);
            d.send(firing("a", "svc-a", 0), 0);
            d.send(firing("b", "svc-a", 0), 0);
            d.heartbeat(31 * S);
            assertThat(d.notifications()).hasSize(1);
            d.send(resolved("a", "svc-a", 0, 2 * M), 2 * M);
            d.heartbeat(5 * M + 31 * S);
            List<Notification> some = d.notifications();
            assertThat(some).hasSize(1);
            assertThat(some.get(0).payload().notificationReason()).isEqualTo(WebhookMessage.REASON_SOME_RESOLVED);
            assertThat(some.get(0).payload().status()).isEqualTo("firing");
            assertThat(alertNames(some.get(0))).containsExactly("a/svc-a:resolved", "b/svc-a:firing");
            assertThat(some.get(0).payload().alerts().get(0).endsAt()).isEqualTo("1970-01-01T00:02:00Z");
            d.send(resolved("b", "svc-a", 0, 6 * M), 6 * M);
            d.heartbeat(10 * M + 31 * S);
            List<Notification> all = d.notifications();
            assertThat(all).hasSize(1);
            assertThat(all.get(0).payload().status()).isEqualTo("resolved");
            assertThat(all.get(0).payload().notificationReason()).isEqualTo(WebhookMessage.REASON_ALL_RESOLVED);
            assertThat(alertNames(all.get(0))).containsExactly("b/svc-a:resolved");
            d.heartbeat(10 * H);
            assertThat(d.notifications()).isEmpty();
            assertThat(d.state().get("m-route-groups-store")).isEmpty();
            assertThat(d.state().get("m-route-firing-store")).isEmpty();
        }
    }

    @Test
    void shouldRecordButNotSendResolutionsWithoutSendResolved() {
        try (RouterDriver d = new RouterDriver(List.of())) {
            d.subscribe(sub("ops", "", List.of("key"), null, false), 0);
            d.send(firing("a", "svc-a", 0), 0);
            d.heartbeat(31 * S);
            assertThat(d.notifications()).hasSize(1);
            d.send(resolved("a", "svc-a", 0, M), M);
            d.heartbeat(20 * M);
            assertThat(d.notifications()).isEmpty();
            d.send(firing("a", "svc-a", 21 * M), 21 * M); // fires again: a first notification, after group_wait
            d.heartbeat(21 * M + 31 * S);
            List<Notification> again = d.notifications();
            assertThat(again).extracting(Notification::time).containsExactly(21 * M + 30 * S);
            assertThat(again.get(0).payload().notificationReason()).isEqualTo(WebhookMessage.REASON_FIRST);
        }
    }

    @Test
    void shouldNotNotifyAnAlertThatFiredAndResolvedWithinGroupWait() {
        try (RouterDriver d = new RouterDriver(List.of())) {
            d.subscribe(sub("ops", "", List.of("key"), null, null), 0);
            d.send(firing("a", "svc-a", 0), 0);
            d.send(resolved("a", "svc-a", 0, 10 * S), 10 * S);
            d.heartbeat(2 * H);
            assertThat(d.notifications()).isEmpty();
        }
    }

    @Test
    void shouldWaitForTheSlowestPartitionWithinMaxSkew() {
        try (RouterDriver d = new RouterDriver(List.of())) {
            d.subscribe(sub("ops", "", List.of("key"), null, null), 0);
            d.input(1, 0, null, 0);
            d.send(firing("a", "svc-a", 0), 0);
            d.heartbeat(50 * S);
            assertThat(d.notifications()).isEmpty(); // partition 1 is still at 0
            d.input(1, 20 * S, firing("a", "svc-b", 20 * S), 20 * S); // its alert joins the same flush order
            d.input(1, 31 * S, null, 31 * S);
            assertThat(d.notifications()).extracting(n -> n.payload().groupLabels().get("key")).containsExactly("svc-a");
            d.heartbeat(2 * M + 30 * S); // partition 1 more than max-skew (1 m) behind: no longer waited for
            assertThat(d.notifications()).extracting(n -> n.payload().groupLabels().get("key")).containsExactly("svc-b");
        }
    }
}
