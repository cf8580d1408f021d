package io.entroflow.topology.stream;

import io.entroflow.schemas.spec.MonitorSpecLoader;
import io.entroflow.schemas.spec.SpecValidationException;
import io.entroflow.schemas.wire.JsonSerde;
import io.entroflow.schemas.wire.Notification;
import io.entroflow.schemas.wire.Subscription;
import io.entroflow.schemas.wire.WebhookMessage;
import io.entroflow.topology.plan.MonitorPlanner;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Routing wired after the rules of a whole monitor: events in, Alertmanager payloads out, exactly as in the spec. */
class RoutingTopologyTest {
    private static final String SPEC = """
            monitor: m
            input:
              topics: [events]
              time: {field: /ts}
            signals:
              - {name: x, kind: numeric, field: /x}
            operators:
              - {name: p, type: probe, signal: x, window: {count: 1}}
            aggregates: {interval: 1s}
            rules:
              - {name: silent, operator: p, severity: critical, threshold: {above: 5}}
              - {name: low, operator: p, threshold: {above: 3}}
            routing:
              external-url: http://entroflow.example
              inhibit:
                - source_matchers: ['rule="silent"']
                  target_matchers: ['rule="low"']
                  equal: [key]
            """;

    private static void subscribe(MonitorDriver d, Subscription s, long t) {
        d.driver.createInputTopic("m-subscriptions", new StringSerializer(), JsonSerde.of(Subscription.class).serializer())
                .pipeInput(new TestRecord<>(s.id(), s, Instant.ofEpochMilli(t)));
    }

    private static List<Notification> notifications(MonitorDriver d) {
        return d.driver.createOutputTopic("m-notifications", new StringDeserializer(),
                JsonSerde.of(Notification.class).deserializer()).readValuesToList();
    }

    private static void events(MonitorDriver d, int from, int to, double x) {
        for (int s = from; s < to; s++) {
            d.send(s % 2 == 0 ? "svc-a" : "svc-b", "{\"ts\": " + s * 1000 + ", \"x\": " + (s % 2 == 0 ? x : 0) + "}", 0);
        }
    }

    @Test
    void shouldNotifyFromEventsThroughRulesInhibitionAndGroupingInEventTime() {
        try (MonitorDriver d = new MonitorDriver(SPEC)) {
            subscribe(d, new Subscription("ops", "{severity=~\"critical|warning\"}", Subscription.Target.topic("pager"),
                    List.of("key"), "10s", "1m", "1h", null), 0);
            events(d, 0, 10, 1);
            events(d, 10, 60, 9); // svc-a: both rules fire; "low" is inhibited by "silent" for the same key
            List<Notification> sent = notifications(d);
            assertThat(sent).hasSize(1);
            WebhookMessage p = sent.get(0).payload();
            assertThat(p.receiver()).isEqualTo("ops");
            assertThat(p.groupLabels()).containsEntry("key", "svc-a");
            assertThat(p.alerts()).extracting(a -> a.labels().get("rule")).containsExactly("silent");
            assertThat(p.externalURL()).isEqualTo("http://entroflow.example");
            long fired = Instant.parse(p.alerts().get(0).startsAt()).toEpochMilli();
            assertThat(sent.get(0).time()).isEqualTo(fired + 10_000);
            List<WebhookMessage> onTopic = d.driver.createOutputTopic("pager", new StringDeserializer(),
                    JsonSerde.of(WebhookMessage.class).deserializer()).readValuesToList();
            assertThat(onTopic).containsExactly(p);
            events(d, 60, 200, 1); // both resolve: one "all alerts resolved" (the inhibited one was never sent)
            List<Notification> later = notifications(d);
            assertThat(later).extracting(n -> n.payload().notificationReason()).containsExactly(WebhookMessage.REASON_ALL_RESOLVED);
            assertThat(later.get(0).payload().alerts()).extracting(WebhookMessage.Alert::status).containsOnly("resolved");
        }
    }

    @Test
    void shouldRouteTheSameAfterARestartOfTheWholeMonitorMidGroup() {
        List<Notification> uninterrupted;
        try (MonitorDriver d = new MonitorDriver(SPEC)) {
            subscribe(d, new Subscription("ops", "", Subscription.Target.topic("pager"), List.of("..."), "10s", "1m", "1h", null), 0);
            events(d, 0, 20, 9);
            events(d, 20, 200, 1);
            uninterrupted = notifications(d);
        }
        List<Notification> restarted = new ArrayList<>();
        MonitorDriver d = new MonitorDriver(SPEC);
        try {
            subscribe(d, new Subscription("ops", "", Subscription.Target.topic("pager"), List.of("..."), "10s", "1m", "1h", null), 0);
            events(d, 0, 15, 9); // fired, within group_wait
            restarted.addAll(notifications(d));
            d = d.restarted();
            events(d, 15, 20, 9);
            events(d, 20, 200, 1);
            restarted.addAll(notifications(d));
        } finally {
            d.close();
        }
        assertThat(uninterrupted).hasSizeGreaterThanOrEqualTo(2);
        assertThat(restarted).isEqualTo(uninterrupted);
    }

    @Test
    void shouldNameTheSpecPathOfABadInhibitionRule() {
        String bad = SPEC.replace("source_matchers: ['rule=\"silent\"']", "source_matchers: ['rule=\"silent\"', '{rule=~}']")
                .replace("equal: [key]", "equal: ['']");
        assertThatThrownBy(() -> new MonitorPlanner(MonitorDriver.testRegistry()).plan("t", MonitorSpecLoader.parse("t", bad)))
                .isInstanceOf(SpecValidationException.class)
                .hasMessageContaining("routing.inhibit[0].source_matchers[1]: 7:8: unexpected }: expected label value in '{rule=~}'")
                .hasMessageContaining("routing.inhibit[0].equal[0]: empty label name");
        String collide = SPEC.replace("external-url: http://entroflow.example", "silences: m-subscriptions");
        assertThatThrownBy(() -> new MonitorPlanner(MonitorDriver.testRegistry()).plan("t", MonitorSpecLoader.parse("t", collide)))
                .hasMessageContaining("routing.silences: must differ from routing.subscriptions, both are 'm-subscriptions'");
    }
}
