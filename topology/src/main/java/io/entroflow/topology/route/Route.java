package io.entroflow.topology.route;

import io.entroflow.schemas.wire.Subscription;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A validated {@link Subscription}: its matchers parsed, its durations in milliseconds. Build one
 * with {@link #of}; immutable.
 *
 * @param subscription    the record as received
 * @param matchers        its {@code match}
 * @param groupWaitMillis its {@code group_wait} (&ge; 0)
 * @param groupIntervalMillis its {@code group_interval} (&gt; 0)
 * @param repeatIntervalMillis its {@code repeat_interval} (&gt; 0)
 */
public record Route(Subscription subscription, LabelMatchers matchers, long groupWaitMillis,
                    long groupIntervalMillis, long repeatIntervalMillis) {

    /**
     * Validates {@code s}.
     *
     * @throws IllegalArgumentException one line naming the field and its value: empty id, malformed
     *         {@code match}, not exactly one destination, a webhook or alertmanager URL that is not
     *         absolute http(s), a topic name Kafka would refuse, a malformed or zero interval
     */
    public static Route of(Subscription s) {
        if (s.id() == null || s.id().isBlank()) {
            throw new IllegalArgumentException("id: missing, a subscription needs an id");
        }
        LabelMatchers matchers;
        try {
            matchers = LabelMatchers.parse(s.match());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("match: " + e.getMessage() + " in '" + s.match() + "'", e);
        }
        if (s.to() == null) {
            throw new IllegalArgumentException("to: missing, expected one of {topic: T}, {webhook: URL}, {alertmanager: URL}");
        }
        String kind = s.to().kind();
        if (Subscription.Target.TOPIC.equals(kind)) {
            checkTopic(s.to().topic());
        } else {
            checkUrl("to." + kind, s.to().address());
        }
        for (String label : s.groupBy()) {
            if (label == null || label.isEmpty()) {
                throw new IllegalArgumentException("group_by: empty label name in " + s.groupBy());
            }
        }
        long interval = s.groupIntervalMillis();
        if (interval <= 0) {
            throw new IllegalArgumentException("group_interval: must be > 0, got '" + s.groupInterval() + "'");
        }
        long repeat = s.repeatIntervalMillis();
        if (repeat <= 0) {
            throw new IllegalArgumentException("repeat_interval: must be > 0, got '" + s.repeatInterval() + "'");
        }
        return new Route(s, matchers, s.groupWaitMillis(), interval, repeat);
    }

    public String id() {
        return subscription.id();
    }

    /** True when the alert's labels satisfy the subscription's matchers. */
    public boolean matches(Map<String, String> labels) {
        return matchers.matches(labels);
    }

    /**
     * The group labels of an alert: its values of the {@code group_by} labels (sorted by name; a
     * missing label is left out, as in Alertmanager), or all its labels for {@code ["..."]}.
     */
    public Map<String, String> groupLabels(Map<String, String> labels) {
        if (subscription.groupsByAllLabels()) {
            return new TreeMap<>(labels);
        }
        Map<String, String> group = new TreeMap<>();
        List<String> by = subscription.groupBy();
        for (String name : by) {
            String v = labels.get(name);
            if (v != null && !v.isEmpty()) {
                group.put(name, v);
            }
        }
        return group;
    }

    private static void checkTopic(String topic) {
        if (topic.isEmpty() || topic.length() > 249 || !topic.matches("[a-zA-Z0-9._-]+") || topic.equals(".")
                || topic.equals("..")) {
            throw new IllegalArgumentException("to.topic: not a valid Kafka topic name: '" + topic + "'");
        }
    }

    private static void checkUrl(String field, String url) {
        try {
            URI uri = new URI(url);
            if (!uri.isAbsolute() || uri.getHost() == null
                    || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
                throw new IllegalArgumentException(field + ": expected an absolute http(s) URL, got '" + url + "'");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(field + ": expected an absolute http(s) URL, got '" + url + "'", e);
        }
    }
}
