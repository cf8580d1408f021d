package io.entroflow.schemas.wire;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.entroflow.schemas.spec.Durations;

import java.util.List;

/**
 * One alert subscription (schema {@code /schemas/subscription.schema.json}): a record of the
 * compacted subscriptions topic, keyed by {@link #id()}; a tombstone (null value) deletes it. The
 * fields and defaults are Alertmanager's route fields.
 *
 * @param id             the subscription's name; the {@code receiver} of its notifications
 * @param match          Alertmanager matchers, e.g. {@code {rule=~"kind.*",key!="svc-d"}}; empty or
 *                       absent matches every alert
 * @param to             where its notifications go: exactly one of a topic, a webhook URL, an Alertmanager URL
 * @param groupBy        labels that split alerts into groups; {@code ["..."]} groups by all labels
 *                       (one group per alert); empty or absent: one group for all alerts
 * @param groupWait      how long a new group waits before its first notification (default {@code 30s})
 * @param groupInterval  how long a group waits before notifying about changes (default {@code 5m})
 * @param repeatInterval how long before a still-firing, unchanged group is notified again (default {@code 4h})
 * @param sendResolved   whether resolved alerts are notified (default true)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Subscription(String id, String match, Target to,
                           @JsonProperty("group_by") List<String> groupBy,
                           @JsonProperty("group_wait") String groupWait,
                           @JsonProperty("group_interval") String groupInterval,
                           @JsonProperty("repeat_interval") String repeatInterval,
                           @JsonProperty("send_resolved") Boolean sendResolved) {
    /** The {@link #groupBy()} entry that means "all labels". */
    public static final String ALL_LABELS = "...";
    public static final String DEFAULT_GROUP_WAIT = "30s";
    public static final String DEFAULT_GROUP_INTERVAL = "5m";
    public static final String DEFAULT_REPEAT_INTERVAL = "4h";

    public Subscription {
        match = match == null ? "" : match;
        groupBy = groupBy == null ? List.of() : List.copyOf(groupBy);
        groupWait = groupWait == null ? DEFAULT_GROUP_WAIT : groupWait;
        groupInterval = groupInterval == null ? DEFAULT_GROUP_INTERVAL : groupInterval;
        repeatInterval = repeatInterval == null ? DEFAULT_REPEAT_INTERVAL : repeatInterval;
        sendResolved = sendResolved == null ? Boolean.TRUE : sendResolved;
    }

    /** True when {@link #groupBy()} is {@code ["..."]}: every alert is its own group. */
    @JsonIgnore
    public boolean groupsByAllLabels() {
        return groupBy.contains(ALL_LABELS);
    }

    /** {@link #groupWait()} in milliseconds. @throws IllegalArgumentException naming the field and value */
    @JsonIgnore
    public long groupWaitMillis() {
        return Durations.parseMillis("group_wait", groupWait);
    }

    /** {@link #groupInterval()} in milliseconds. @throws IllegalArgumentException naming the field and value */
    @JsonIgnore
    public long groupIntervalMillis() {
        return Durations.parseMillis("group_interval", groupInterval);
    }

    /** {@link #repeatInterval()} in milliseconds. @throws IllegalArgumentException naming the field and value */
    @JsonIgnore
    public long repeatIntervalMillis() {
        return Durations.parseMillis("repeat_interval", repeatInterval);
    }

    /**
     * A notification destination: exactly one of the three is set.
     *
     * @param topic        a Kafka topic, written in the monitor's transactions (exactly once)
     * @param webhook      an HTTP(S) URL receiving the Alertmanager webhook payload
     * @param alertmanager the base URL of an Alertmanager receiving the alerts on {@code /api/v2/alerts}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Target(String topic, String webhook, String alertmanager) {
        public static final String TOPIC = "topic";
        public static final String WEBHOOK = "webhook";
        public static final String ALERTMANAGER = "alertmanager";

        public static Target topic(String topic) {
            return new Target(topic, null, null);
        }

        public static Target webhook(String url) {
            return new Target(null, url, null);
        }

        public static Target alertmanager(String url) {
            return new Target(null, null, url);
        }

        /** {@code topic}, {@code webhook} or {@code alertmanager}. @throws IllegalArgumentException unless exactly one is set */
        @JsonIgnore
        public String kind() {
            int set = (topic != null ? 1 : 0) + (webhook != null ? 1 : 0) + (alertmanager != null ? 1 : 0);
            if (set != 1) {
                throw new IllegalArgumentException("to: expected exactly one of topic, webhook, alertmanager, got " + this);
            }
            return topic != null ? TOPIC : webhook != null ? WEBHOOK : ALERTMANAGER;
        }

        /** The topic name or the URL. */
        @JsonIgnore
        public String address() {
            return topic != null ? topic : webhook != null ? webhook : alertmanager;
        }

        /** The destination as written in the record, e.g. {@code {topic: pager}}. */
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder("{");
            append(b, TOPIC, topic);
            append(b, WEBHOOK, webhook);
            append(b, ALERTMANAGER, alertmanager);
            return b.append('}').toString();
        }

        private static void append(StringBuilder b, String name, String value) {
            if (value != null) {
                b.append(b.length() > 1 ? ", " : "").append(name).append(": ").append(value);
            }
        }
    }
}
