package io.entroflow.topology.route;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.entroflow.schemas.wire.AlertRecord;

import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The state of one aggregation group of one subscription (Alertmanager's {@code aggrGroup} plus its
 * notification-log entry), stored as JSON in the router's group store. Mutable, single-writer.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
final class AlertGroup {
    /** No flush scheduled. */
    static final long NEVER = Long.MAX_VALUE;

    public String subscription;
    @JsonProperty("group_labels")
    public TreeMap<String, String> groupLabels;
    @JsonProperty("group_key")
    public String groupKey;
    /** The group's alerts by fingerprint: the latest transition of each, until a flush took its resolution. */
    public TreeMap<String, AlertRecord> alerts = new TreeMap<>();
    /** Event time of the next flush, or {@link #NEVER}. */
    @JsonProperty("next_flush")
    public long nextFlush = NEVER;
    /** Notifications made for this group so far. */
    public long sequence;
    /** The notification log entry: event time of the last notification (-1: none), its firing and resolved fingerprints. */
    @JsonProperty("notified_at")
    public long notifiedAt = -1;
    @JsonProperty("notified_firing")
    public TreeSet<String> notifiedFiring = new TreeSet<>();
    @JsonProperty("notified_resolved")
    public TreeSet<String> notifiedResolved = new TreeSet<>();

    AlertGroup() {
    }

    AlertGroup(String subscription, Map<String, String> groupLabels, String groupKey) {
        this.subscription = subscription;
        this.groupLabels = new TreeMap<>(groupLabels);
        this.groupKey = groupKey;
    }

    /** True when the group holds nothing worth keeping: no alerts and no firing alert notified. */
    @JsonIgnore
    boolean disposable() {
        return alerts.isEmpty() && notifiedFiring.isEmpty();
    }

    /** The store key: subscription and group key, length-prefixed so no two groups share one. */
    static String id(String subscription, String groupKey) {
        return subscription.length() + ":" + subscription + groupKey;
    }

    @JsonIgnore
    String id() {
        return id(subscription, groupKey);
    }
}
