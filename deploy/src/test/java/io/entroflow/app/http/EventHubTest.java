package io.entroflow.app.http;

import io.entroflow.schemas.wire.AggregateRecord;
import io.entroflow.schemas.wire.AlertRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EventHubTest {
    private static AggregateRecord agg(String key) {
        return new AggregateRecord("m", key, "h", "entropy", List.of("s"), 1000, 1.5, "bits", 0, 1000, 10, 10,
                null, null, null, AggregateRecord.INTERVAL);
    }

    @Test
    void shouldSendAKeysAggregatesToItsSubscribersAndAlertsToAll() {
        EventHub hub = new EventHub();
        try (EventHub.Subscription a = hub.subscribe("a"); EventHub.Subscription none = hub.subscribe(null)) {
            hub.publish(agg("a"));
            hub.publish(agg("b"));
            hub.publish(new AlertRecord(Map.of("key", "b"), Map.of(), "firing", "t", "t", "f", null));
            List<String> toA = new ArrayList<>();
            a.frames().forEach(f -> toA.add(new String(f, StandardCharsets.UTF_8)));
            assertThat(toA).hasSize(2);
            assertThat(toA.get(0)).startsWith("event: aggregate\ndata: {\"monitor\":\"m\",\"key\":\"a\"").endsWith("}\n\n")
                    .doesNotContain("\n\n{");
            assertThat(toA.get(1)).startsWith("event: alert\ndata: {\"labels\":{\"key\":\"b\"}");
            assertThat(none.frames()).hasSize(1);
        }
    }

    @Test
    void shouldEndASubscriberThatFallsBehindAndLimitTheirNumber() {
        EventHub hub = new EventHub();
        List<EventHub.Subscription> open = new ArrayList<>();
        for (int i = 0; i < EventHub.MAX_SUBSCRIBERS; i++) {
            open.add(hub.subscribe("a"));
        }
        assertThat(hub.subscribe("a")).isNull();
        for (int i = 0; i <= EventHub.QUEUE; i++) {
            hub.publish(agg("a"));
        }
        assertThat(open).allSatisfy(s -> {
            assertThat(s.overflowed()).isTrue();
            assertThat(s.frames()).hasSize(EventHub.QUEUE);
        });
        open.get(0).close();
        assertThat(hub.subscribe("b")).isNotNull();
    }
}
