package io.entroflow.topology.route;

import io.entroflow.schemas.wire.JsonSerde;
import io.entroflow.schemas.wire.Notification;
import io.entroflow.schemas.wire.Subscription;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import static io.entroflow.topology.route.RouterDriver.firing;
import static io.entroflow.topology.route.RouterDriver.resolved;
import static io.entroflow.topology.route.RouterTimingTest.M;
import static io.entroflow.topology.route.RouterTimingTest.S;
import static io.entroflow.topology.route.RouterTimingTest.alertNames;
import static io.entroflow.topology.route.RouterTimingTest.sub;
import static org.assertj.core.api.Assertions.assertThat;

/** Subscription changes mid-stream, tombstones, event-time order of changes, invalid records, restarts. */
class RouterSubscriptionsTest {
    @Test
    void shouldRouteAlertsAlreadyFiringToANewSubscriptionAfterItsGroupWait() {
        try (RouterDriver d = new RouterDriver(List.of())) {
            d.heartbeat(0);
            d.send(firing("a", "svc-a", 0), 0);
            d.heartbeat(2 * M);
            d.subscribe(sub("ops", "", List.of("key"), null, null), 2 * M);
            d.heartbeat(2 * M + 30 * S);
            assertThat(d.notifications()).isEmpty();
            d.heartbeat(2 * M + 31 * S);
            assertThat(d.notifications()).extracting(Notification::time).containsExactly(2 * M + 30 * S);
        }
    }

    @Test
    void shouldStopNotifyingAfterATombstoneOrAMatchThatNoLongerSelectsTheAlert() {
        try (RouterDriver d = new RouterDriver(List.of())) {
            d.subscribe(sub("ops", "", List.of("key"), "10m", null), 0);
            d.subscribe(sub("dev", "{key=\"svc-a\"}", List.of("key"), "10m", null), 0);
            d.send(firing("a", "svc-a", 0), 0);
            d.heartbeat(31 * S);
            assertThat(d.notifications()).extracting(Notification::subscription).containsExactlyInAnyOrder("ops", "dev");
            d.unsubscribe("ops", M);
            d.subscribe(sub("dev", "{key=\"svc-b\"}", List.of("key"), "10m", null), M);
            d.heartbeat(2 * 60 * M);
            assertThat(d.notifications()).isEmpty();
            assertThat(d.state().get("m-route-groups-store")).isEmpty();
            assertThat(d.state().get("m-route-subscriptions-store")).containsOnlyKeys("dev");
        }
    }

    @Test
    void shouldKeepTheNotificationLogOfAGroupWhoseKeySurvivesASubscriptionChange() {
        try (RouterDriver d = new RouterDriver(List.of())) {
            d.subscribe(sub("ops", "", List.of("key"), "1h", null), 0);
            d.send(firing("a", "svc-a", 0), 0);
            d.heartbeat(31 * S);
            assertThat(d.notifications()).hasSize(1);
            // only the timings change: the still-firing alert is not notified again as new
            d.subscribe(new Subscription("ops", "", Subscription.Target.topic("pager"), List.of("key"), "30s", "1m", "1h",
                    null), M);
            d.heartbeat(30 * M);
            assertThat(d.notifications()).isEmpty();
            d.send(firing("b", "svc-a", 31 * M), 31 * M);
            d.heartbeat(32 * M + 1);
            List<Notification> sent = d.notifications();
            assertThat(sent).extracting(Notification::time).containsExactly(31 * M + 30 * S); // 5 m 30 s + k * 1 m
            assertThat(alertNames(sent.get(0))).containsExactlyInAnyOrder("a/svc-a:firing", "b/svc-a:firing");
        }
    }

    @Test
    void shouldApplyChangesInEventTimeOrderWhateverOrderTheyArriveIn() {
        Consumer<RouterDriver> alerts = d -> {
            d.send(firing("a", "svc-a", 10 * S), 10 * S);
            d.send(firing("a", "svc-b", 100 * S), 100 * S);
            d.send(resolved("a", "svc-a", 10 * S, 200 * S), 200 * S);
            d.heartbeat(30 * M);
        };
        Subscription early = sub("ops", "", List.of("key"), null, null);
        Subscription later = sub("ops", "{key=\"svc-b\"}", List.of("key"), null, null);
        List<Notification> subscriptionsFirst;
        try (RouterDriver d = new RouterDriver(List.of())) {
            d.heartbeat(0);
            d.subscribe(early, 0);
            d.subscribe(later, 60 * S);
            alerts.accept(d);
            subscriptionsFirst = d.notifications();
        }
        List<Notification> interleaved;
        try (RouterDriver d = new RouterDriver(List.of())) {
            d.heartbeat(0);
            d.subscribe(early, 0);
            d.send(firing("a", "svc-a", 10 * S), 10 * S);
            d.subscribe(later, 60 * S); // arrives before the watermark reaches 60 s
            d.send(firing("a", "svc-b", 100 * S), 100 * S);
            d.send(resolved("a", "svc-a", 10 * S, 200 * S), 200 * S);
            d.heartbeat(30 * M);
            interleaved = d.notifications();
        }
        assertThat(interleaved).isEqualTo(subscriptionsFirst);
        // svc-a was notified at 40 s under the first version; the second version drops it at 60 s
        assertThat(subscriptionsFirst).extracting(n -> n.payload().groupLabels().get("key") + "@" + n.time())
                .containsExactly("svc-a@40000", "svc-b@130000");
    }

    @Test
    void shouldDeadLetterAnInvalidSubscriptionAndKeepThePreviousVersion() {
        try (RouterDriver d = new RouterDriver(List.of())) {
            d.subscribe(sub("ops", "", List.of("key"), null, null), 0);
            d.raw("subs", "ops", "{\"id\":\"ops\",\"match\":\"{rule=~}\",\"to\":{\"topic\":\"t\"}}".getBytes(StandardCharsets.UTF_8), 0);
            d.raw("subs", "x", "not json".getBytes(StandardCharsets.UTF_8), 0);
            d.raw("subs", "y", JsonSerde.of(Subscription.class).serializer().serialize("", sub("z", "", null, null, null)), 0);
            d.raw("subs", null, null, 0);
            List<String> reasons = d.deadLetters().stream().map(r -> RouterMutingTest.header(r, "entroflow.detail")).toList();
            assertThat(reasons).hasSize(4);
            assertThat(reasons.get(0)).isEqualTo("match: 7:8: unexpected }: expected label value in '{rule=~}'");
            assertThat(reasons.get(1)).startsWith("unparsable JSON: ");
            assertThat(reasons.get(2)).isEqualTo("id: 'z' differs from the record key 'y'");
            assertThat(reasons.get(3)).isEqualTo("key: a tombstone needs the id as its key");
            d.send(firing("a", "svc-a", 0), 0);
            d.heartbeat(31 * S);
            assertThat(d.notifications()).hasSize(1);
        }
    }

    @Test
    void shouldContinueBitForBitAfterARestartMidGroup() {
        List<Notification> uninterrupted;
        java.util.Map<String, java.util.Map<String, String>> stateAfter;
        try (RouterDriver d = new RouterDriver(List.of())) {
            script(d, 0);
            script(d, 1);
            uninterrupted = d.notifications();
            stateAfter = d.state();
        }
        RouterDriver d = new RouterDriver(List.of());
        try {
            script(d, 0);
            List<Notification> before = d.notifications();
            java.util.Map<String, java.util.Map<String, String>> mid = d.state();
            d = d.restarted();
            assertThat(d.state()).isEqualTo(mid);
            script(d, 1);
            List<Notification> all = new java.util.ArrayList<>(before);
            all.addAll(d.notifications());
            assertThat(all).isEqualTo(uninterrupted);
            assertThat(d.state()).isEqualTo(stateAfter);
            assertThat(uninterrupted).hasSizeGreaterThanOrEqualTo(3);
        } finally {
            d.close();
        }
    }

    /** Part 0 ends mid-group (inputs queued, a group waiting), part 1 continues. */
    private static void script(RouterDriver d, int part) {
        if (part == 0) {
            d.subscribe(sub("ops", "", List.of("key"), "10m", null), 0);
            d.silence(new io.entroflow.schemas.wire.Silence("s", "{key=\"svc-c\"}", "1970-01-01T00:00:00Z",
                    "1970-01-01T00:20:00Z", "me", ""), 0);
            d.send(firing("a", "svc-a", 0), 0);
            d.heartbeat(31 * S);
            d.send(firing("b", "svc-a", 40 * S), 40 * S);
            d.send(firing("a", "svc-c", 50 * S), 50 * S);
            d.input(1, 45 * S, firing("a", "svc-b", 45 * S), 45 * S); // partition 1 behind: svc-a input waits queued
            d.heartbeat(60 * S);
        } else {
            d.input(1, 2 * M, null, 2 * M);
            d.heartbeat(3 * M);
            d.send(resolved("a", "svc-a", 0, 4 * M), 4 * M);
            d.input(1, 40 * M, null, 40 * M);
            d.heartbeat(40 * M);
        }
    }
}
