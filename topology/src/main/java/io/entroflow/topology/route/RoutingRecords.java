package io.entroflow.topology.route;

/** What the router requires of every record of the subscriptions and silences topics, beyond its own checks. */
public final class RoutingRecords {
    private RoutingRecords() {
    }

    /**
     * {@code id}, the id inside a subscription or silence record, if it is the record's key (or the
     * record has none).
     *
     * @throws IllegalArgumentException naming both, when they differ
     */
    public static String sameId(String key, String id) {
        if (key != null && !key.equals(id)) {
            throw new IllegalArgumentException("id: '" + id + "' differs from the record key '" + key + "'");
        }
        return id;
    }
}
