package io.entroflow.app.alerts;

import io.entroflow.schemas.wire.Silence;
import io.entroflow.schemas.wire.Subscription;
import io.entroflow.topology.route.Inhibition;
import io.entroflow.topology.route.LabelMatchers;
import io.entroflow.topology.route.Mute;
import io.entroflow.topology.route.Route;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RouteCheckTest {
    private static final Map<String, String> LOW_A = Map.of("alertname", "entropy-low", "key", "svc-a");
    private static final List<Route> ROUTES = List.of(
            route("ops", "{alertname=~\"entropy.*\",key!=\"svc-d\"}"), route("all", "{}"), route("silent", "{alertname=\"stream-silent\"}"));
    private static final Inhibition SILENT_MUTES_LOW = new Inhibition(LabelMatchers.parse("alertname=\"stream-silent\""),
            LabelMatchers.parse("alertname=\"entropy-low\""), List.of("key"));
    private static final long NOON = Instant.parse("2026-12-03T12:00:00Z").toEpochMilli();

    private static Route route(String id, String match) {
        return Route.of(new Subscription(id, match, Subscription.Target.webhook("http://h/" + id), null, null, null, null, null));
    }

    @Test
    void shouldListTheSubscriptionsWhoseMatchersSelectTheAlert() {
        RouteCheck c = RouteCheck.of(LOW_A, ROUTES, List.of(), List.of(), List.of(), NOON);
        assertThat(c.receiving()).extracting(Route::id).containsExactly("ops", "all");
        assertThat(c.others()).extracting(Route::id).containsExactly("silent");
        assertThat(c.notified()).isTrue();
        assertThat(RouteCheck.of(Map.of("alertname", "entropy-low", "key", "svc-d"), ROUTES, List.of(), List.of(), List.of(), NOON)
                .receiving()).extracting(Route::id).containsExactly("all");
    }

    @Test
    void shouldNameTheSilenceInForceAtTheTime() {
        Mute a = Mute.of(new Silence("s1", "{key=\"svc-a\"}", "2026-12-03T11:00:00Z", "2026-12-03T13:00:00Z", "ann", "deploy"));
        Mute later = Mute.of(new Silence("s2", "{key=\"svc-a\"}", "2026-12-03T14:00:00Z", "2026-12-03T15:00:00Z", "bo", "later"));
        RouteCheck c = RouteCheck.of(LOW_A, ROUTES, List.of(a, later), List.of(), List.of(), NOON);
        assertThat(c.silencedBy()).extracting(Mute::id).containsExactly("s1");
        assertThat(c.notified()).isFalse();
        assertThat(RouteCheck.of(LOW_A, ROUTES, List.of(a, later), List.of(), List.of(), NOON + 3_600_000L).notified())
                .as("at 13:00 the first silence has expired, the second not started").isTrue();
    }

    @Test
    void shouldNameTheInhibitingRuleAndSourceButNotLetAnAlertInhibitItself() {
        Map<String, String> silentA = Map.of("alertname", "stream-silent", "key", "svc-a");
        Map<String, String> silentB = Map.of("alertname", "stream-silent", "key", "svc-b");
        RouteCheck c = RouteCheck.of(LOW_A, ROUTES, List.of(), List.of(SILENT_MUTES_LOW), List.of(silentB, silentA), NOON);
        assertThat(c.inhibitedBy()).singleElement().satisfies(i -> {
            assertThat(i.index()).isZero();
            assertThat(i.source()).isEqualTo(silentA);
        });
        assertThat(RouteCheck.of(LOW_A, ROUTES, List.of(), List.of(SILENT_MUTES_LOW), List.of(silentB), NOON).inhibitedBy())
                .as("equal: [key] differs").isEmpty();
        Inhibition both = new Inhibition(LabelMatchers.parse("key=\"svc-a\""), LabelMatchers.parse("key=\"svc-a\""), List.of());
        assertThat(RouteCheck.of(LOW_A, ROUTES, List.of(), List.of(both), List.of(LOW_A), NOON).inhibitedBy())
                .as("an alert matching both sides does not inhibit itself").isEmpty();
    }

    @Test
    void shouldAlignATable() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new TextTable("ID", "TO").row("a-long-id", "x").row("b", "line\nbreak").print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("ID         TO\na-long-id  x\nb          line break\n");
    }
}
