package io.entroflow.topology.route;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.entroflow.schemas.wire.AlertRecord;
import io.entroflow.schemas.wire.Silence;
import io.entroflow.schemas.wire.Subscription;

/**
 * An input waiting in the router's queue until the watermark reaches its time: an alert
 * transition, a subscription (null: deleted) or a silence (null: deleted). Stored as JSON.
 *
 * @param kind         {@code alert}, {@code subscription} or {@code silence}
 * @param id           the subscription's or silence's id (absent for alerts)
 * @param alert        the alert transition
 * @param subscription the new subscription, or null for a deletion
 * @param silence      the new silence, or null for a deletion
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record QueuedInput(String kind, String id, AlertRecord alert, Subscription subscription, Silence silence) {
    static final String ALERT = "alert";
    static final String SUBSCRIPTION = "subscription";
    static final String SILENCE = "silence";
}
