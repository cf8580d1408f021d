package io.entroflow.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.entroflow.schemas.wire.JsonSerde;
import io.entroflow.topology.query.MonitorQueries;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The state API over interactive queries with two instances of one monitor: each key's query is
 * answered by whichever instance is asked (forwarded to the owner), key listing and firing alerts
 * are merged across instances, the history is served, errors are one-line JSON with their status.
 */
@IntegrationTest
class StateQueryIT {
    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldAnswerEveryKeyFromEitherInstanceByForwardingToTheOwner() throws Exception {
        try (ObservedMonitor one = new ObservedMonitor("state-query-it", "one", 4);
             ObservedMonitor two = new ObservedMonitor("state-query-it", "two", 4)) {
            startBoth(one, two);
            awaitBothOwnPartitions(one, two);
            one.produce(800, Duration.ofSeconds(2));
            List<String> keys = List.of("a", "b", "c", "d");

            // every key listed by either instance, whichever owns it
            for (ObservedMonitor m : List.of(one, two)) {
                HttpResponse<String> r = m.await("/api/keys", x -> x.statusCode() == 200
                        && json(x).path("keys").size() == 4, Duration.ofSeconds(60));
                assertThat(texts(json(r).path("keys"))).containsExactlyElementsOf(keys);
            }
            // a page of 3 then the rest, by cursor
            JsonNode page = json(one.get("/api/keys?limit=3", true));
            assertThat(texts(page.path("keys"))).containsExactly("a", "b", "c");
            assertThat(page.path("next").asText()).isEqualTo("c");
            assertThat(texts(json(two.get("/api/keys?limit=3&after=c", true)).path("keys"))).containsExactly("d");
            assertThat(texts(json(one.get("/api/keys?prefix=b", true)).path("keys"))).containsExactly("b");

            // some key is owned by instance two, and instance one answers it by forwarding
            MonitorQueries q = new MonitorQueries(one.plan, one.runtime.streams());
            HostInfo twoHost = new HostInfo("127.0.0.1", two.server.address().getPort());
            List<String> ownedByTwo = keys.stream().filter(k -> twoHost.equals(q.owner(k))).toList();
            assertThat(ownedByTwo).isNotEmpty().hasSizeLessThan(4);
            for (String key : keys) {
                ObservedMonitor owner = ownedByTwo.contains(key) ? two : one;
                ObservedMonitor other = owner == one ? two : one;
                HttpResponse<String> direct = owner.await("/api/keys/" + key,
                        x -> x.statusCode() == 200 && json(x).path("operators").get(0).path("eventsSeen").asLong() == 200,
                        Duration.ofSeconds(30));
                HttpResponse<String> forwarded = other.get("/api/keys/" + key, true);
                assertThat(forwarded.statusCode()).as(forwarded.body()).isEqualTo(200);
                JsonNode d = json(direct).path("operators").get(0);
                JsonNode f = json(forwarded).path("operators").get(0);
                assertThat(f.path("name").asText()).isEqualTo("h");
                assertThat(f.path("eventsSeen").asLong()).isEqualTo(200);
                assertThat(f.path("value").asDouble()).isEqualTo(d.path("value").asDouble()).isBetween(2.7, 2.81);
                assertThat(f.path("events").asLong()).isEqualTo(100);
                assertThat(f.path("windowEnd").asLong()).isGreaterThanOrEqualTo(f.path("windowStart").asLong());
                // the non-owner has no such key locally
                assertThat(other.get("/api/keys/" + key + "?local=true", true).statusCode()).isEqualTo(404);
            }

            // history from the aggregates topic, on both instances
            for (ObservedMonitor m : List.of(one, two)) {
                HttpResponse<String> h = m.await("/api/keys/a/history?operator=h",
                        x -> x.statusCode() == 200 && json(x).path("aggregates").size() > 0, Duration.ofSeconds(30));
                JsonNode first = json(h).path("aggregates").get(0);
                assertThat(first.path("key").asText()).isEqualTo("a");
                assertThat(first.path("operator").asText()).isEqualTo("h");
            }
            assertThat(json(one.get("/api/alerts", true)).path("firing").isArray()).isTrue();

            // errors: one line of JSON with the status
            assertError(one.get("/api/keys/zz", true), 404, "key: no state for 'zz'");
            assertError(one.get("/api/keys?limit=0", true), 400, "limit: must be an integer between 1 and 1000");
            assertError(one.get("/api/keys/a/history?operator=nope", true), 404, "operator: no operator 'nope'");
            assertError(one.get("/api/keys/a/b/c", true), 404, "not found: /api/keys/a/b/c");
            assertError(one.get("/api/keys/a", false), 401, "unauthorized");
            assertError(one.get("/api/alerts", false), 401, "unauthorized");
            assertThat(one.get("/", false).statusCode()).isEqualTo(200); // the page itself holds no data
        }
    }

    /**
     * More instances than partitions is a documented set-up (the extra instance stays idle): the idle
     * instance has no keys and no alerts of its own, and lists every key and alert by asking the other.
     * Before, its stores answered "not queryable" for good, so both instances' /api/keys and /api/alerts
     * failed (503 on the idle one, 502 on the other, which asks it).
     */
    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldListKeysAndAlertsOnEveryInstanceWhenOneHoldsNoPartition() throws Exception {
        try (ObservedMonitor one = new ObservedMonitor("idle-instance-it", "one", 1);
             ObservedMonitor two = new ObservedMonitor("idle-instance-it", "two", 1)) {
            startBoth(one, two);
            one.produce(400, Duration.ofSeconds(1));
            for (ObservedMonitor m : List.of(one, two)) {
                HttpResponse<String> keys = m.await("/api/keys", x -> x.statusCode() == 200
                        && json(x).path("keys").size() == 4, Duration.ofSeconds(60));
                assertThat(keys.statusCode()).as(keys.body()).isEqualTo(200);
                assertThat(texts(json(keys).path("keys"))).containsExactly("a", "b", "c", "d");
                HttpResponse<String> alerts = m.await("/api/alerts", x -> x.statusCode() == 200, Duration.ofSeconds(30));
                assertThat(alerts.statusCode()).as(alerts.body()).isEqualTo(200);
                assertThat(json(alerts).path("firing").isArray()).isTrue();
            }
            assertThat(ownsPartitions(one.runtime.streams())).isNotEqualTo(ownsPartitions(two.runtime.streams()));
        }
    }

    private static void awaitBothOwnPartitions(ObservedMonitor one, ObservedMonitor two) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (ownsPartitions(one.runtime.streams()) && ownsPartitions(two.runtime.streams())
                    && one.runtime.state() == KafkaStreams.State.RUNNING && two.runtime.state() == KafkaStreams.State.RUNNING) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the two instances did not share the partitions within 90 s");
    }

    private static boolean ownsPartitions(KafkaStreams s) {
        return s.metadataForLocalThreads().stream().anyMatch(t -> !t.activeTasks().isEmpty());
    }

    private static void assertError(HttpResponse<String> r, int status, String start) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(json(r).path("error").asText()).startsWith(start).doesNotContain("\n");
    }

    private static JsonNode json(HttpResponse<String> r) {
        try {
            return JsonSerde.MAPPER.readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Starts both instances, then waits until both are RUNNING. */
    private static void startBoth(ObservedMonitor one, ObservedMonitor two) throws InterruptedException {
        one.runtime.start();
        two.runtime.start();
        one.runtime.awaitRunning(Duration.ofSeconds(120));
        two.runtime.awaitRunning(Duration.ofSeconds(120));
    }
}
