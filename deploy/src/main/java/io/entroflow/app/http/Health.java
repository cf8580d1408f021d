package io.entroflow.app.http;

import org.apache.kafka.streams.KafkaStreams;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Liveness and readiness of a monitor from its Kafka Streams state.
 *
 * <table>
 *   <caption>state → live, ready</caption>
 *   <tr><th>state</th><th>live</th><th>ready</th></tr>
 *   <tr><td>RUNNING</td><td>yes</td><td>yes</td></tr>
 *   <tr><td>CREATED, REBALANCING, PENDING_SHUTDOWN</td><td>yes</td><td>no</td></tr>
 *   <tr><td>PENDING_ERROR, ERROR, NOT_RUNNING</td><td>no</td><td>no</td></tr>
 * </table>
 *
 * Live means a restart would not help: starting, rebalancing and a graceful shutdown are normal;
 * ERROR (every stream thread died), PENDING_ERROR on the way there, and NOT_RUNNING (the
 * application stopped while the process goes on) are not. Ready means processing now.
 *
 * @param monitor the monitor's name
 * @param state   the Kafka Streams state
 * @param live    see above
 * @param ready   see above
 */
public record Health(String monitor, KafkaStreams.State state, boolean live, boolean ready) {
    /** The health of {@code monitor} in {@code state}. */
    public static Health of(String monitor, KafkaStreams.State state) {
        boolean live = switch (state) {
            case CREATED, REBALANCING, RUNNING, PENDING_SHUTDOWN -> true;
            case PENDING_ERROR, ERROR, NOT_RUNNING -> false;
        };
        return new Health(monitor, state, live, state == KafkaStreams.State.RUNNING);
    }

    /**
     * The JSON body: {@code {"status": "UP"|"DOWN", "state": ..., "live": ..., "ready": ..., "monitor": ...}},
     * {@code status} about readiness, or liveness when {@code liveness}.
     */
    public Map<String, Object> body(boolean liveness) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", (liveness ? live : ready) ? "UP" : "DOWN");
        m.put("state", state.name());
        m.put("live", live);
        m.put("ready", ready);
        m.put("monitor", monitor);
        return m;
    }

    /** 200 when UP, 503 (Service Unavailable) when DOWN. */
    public int statusCode(boolean liveness) {
        return (liveness ? live : ready) ? 200 : 503;
    }
}
