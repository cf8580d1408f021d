package io.entroflow.app.http;

import io.entroflow.schemas.wire.AggregateRecord;
import io.entroflow.schemas.wire.AlertRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AggregateHistoryTest {
    private static AggregateRecord agg(String key, String op, long time, String trigger) {
        return new AggregateRecord("m", key, op, "entropy", List.of("s"), time, time / 1000.0, "bits", 0, time, 10, 10,
                null, null, null, trigger);
    }

    private static AlertRecord alert(String key, String status) {
        return new AlertRecord(Map.of("rule", "r", "key", key), Map.of(), status, "2026-01-01T00:00:00Z",
                AlertRecord.ZERO_TIME, "0123456789abcdef", null);
    }

    @Test
    void shouldKeepTheLastAggregatesPerKeyAndOperatorOldestFirst() {
        AggregateHistory h = new AggregateHistory(10, 3);
        for (long t = 1; t <= 5; t++) {
            h.add(agg("k", "a", t * 1000, AggregateRecord.INTERVAL));
            h.add(agg("k", "b", t * 1000, AggregateRecord.INTERVAL));
        }
        h.add(agg("k", "a", 9_000, AggregateRecord.REQUEST)); // a view at an arbitrary time: not history
        assertThat(h.aggregates("k", "a")).extracting(AggregateRecord::time).containsExactly(3_000L, 4_000L, 5_000L);
        assertThat(h.aggregates("k", null)).hasSize(6);
        assertThat(h.aggregates("k", "zz")).isEmpty();
        assertThat(h.aggregates("other", null)).isEmpty();
    }

    @Test
    void shouldForgetTheKeyUpdatedLeastRecentlyBeyondMaxKeys() {
        AggregateHistory h = new AggregateHistory(2, 5);
        h.add(agg("x", "a", 1, AggregateRecord.INTERVAL));
        h.add(agg("y", "a", 1, AggregateRecord.INTERVAL));
        h.add(agg("x", "a", 2, AggregateRecord.INTERVAL)); // x is now the most recent
        h.add(alert("z", AlertRecord.FIRING));
        assertThat(h.aggregates("y", null)).isEmpty();
        assertThat(h.aggregates("x", null)).hasSize(2);
        assertThat(h.alerts("z")).extracting(AlertRecord::status).containsExactly(AlertRecord.FIRING);
    }

    @Test
    void shouldRejectBoundsOutOfRange() {
        assertThatThrownBy(() -> new AggregateHistory(0, 1)).hasMessage("maxKeys: must be between 1 and 1000000, got 0");
        assertThatThrownBy(() -> new AggregateHistory(1, 0)).hasMessage("perOperator: must be between 1 and 100000, got 0");
    }
}
