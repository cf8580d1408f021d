package io.entroflow.topology.route;

/** Names of the router's nodes and stores: {@code <monitor>-route-<part>}, stable across spec changes. */
final class RouteNames {
    private final String prefix;

    RouteNames(String monitor) {
        this.prefix = monitor + "-route-";
    }

    String feed() {
        return prefix + "feed";
    }

    String inputSink() {
        return prefix + "input-sink";
    }

    String inputSource() {
        return prefix + "input-source";
    }

    String subscriptionsSource() {
        return prefix + "subscriptions-source";
    }

    String silencesSource() {
        return prefix + "silences-source";
    }

    String router() {
        return prefix + "router";
    }

    String notificationsSink() {
        return prefix + "notifications-sink";
    }

    String topicSink() {
        return prefix + "topic-sink";
    }

    String deadLetterSink() {
        return prefix + "dead-letter-sink";
    }

    /** The store of {@code part} (one of {@code Router}'s store names). */
    String store(String part) {
        return prefix + part + "-store";
    }
}
