package io.entroflow.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.entroflow.app.cli.CliRunner;
import io.entroflow.schemas.wire.JsonSerde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code entroflow bench --json} end to end on a real broker with a small run: every variant
 * processes every event, the JSON object has the fields the issue names, each positive, and the
 * progress went to standard error.
 */
@IntegrationTest
class BenchCommandIT {
    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void shouldPrintOneJsonObjectWithPositiveThroughputsRatioAndLatencies() throws Exception {
        CliRunner.Result r = CliRunner.run("", "bench", "--events", "1000", "--keys", "20", "--rate", "1000",
                "--latency-warmup", "3s", "--latency-duration", "5s", "--latency-hops", "--json", "--spec", "../deploy/examples/demo.yaml",
                "--bootstrap-servers", SharedBroker.get().bootstrapServers());
        System.err.print(r.err());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.lines()).hasSize(1);
        JsonNode o = JsonSerde.MAPPER.readTree(r.out());
        for (String field : new String[] {"baseline_eps", "passthrough_eps", "monitor_eps", "ratio"}) {
            assertThat(o.path(field).isNumber()).as(field).isTrue();
            assertThat(o.path(field).asDouble()).as(field).isPositive();
        }
        for (String stage : new String[] {"parse_eps", "signals_eps", "operators_eps", "rules_eps"}) {
            assertThat(o.path("stages").path(stage).asDouble()).as(stage).isPositive();
        }
        JsonNode latency = o.path("latency_ms");
        assertThat(latency.path("count").asLong()).isPositive();
        for (String q : new String[] {"p50", "p99", "p999", "max"}) {
            assertThat(latency.path(q).isNumber()).as(q).isTrue();
            assertThat(latency.path(q).asLong()).as(q).isPositive();
        }
        assertThat(latency.path("p50").asLong()).isLessThanOrEqualTo(latency.path("p99").asLong());
        assertThat(latency.path("p99").asLong()).isLessThanOrEqualTo(latency.path("max").asLong());
        JsonNode hops = o.path("hop_latency_ms"); // the demo spec's key is a field: a re-key hop
        assertThat(hops.fieldNames()).toIterable().containsExactly("input", "rekey", "aggregates", "aggregates_last");
        assertThat(hops.path("input").path("count").asLong()).as("input").isPositive();
        assertThat(hops.path("aggregates").path("count").asLong()).as("aggregates").isPositive();
        assertThat(hops.path("aggregates").path("p50").asLong())
                .isLessThanOrEqualTo(hops.path("aggregates_last").path("max").asLong());
        assertThat(o.path("commit_interval_ms").asLong()).isEqualTo(200);
        assertThat(o.path("events").asLong()).isEqualTo(1000);
        assertThat(o.path("warmup_rounds").asInt()).isEqualTo(1); // the default: one unrecorded round first
        assertThat(o.path("rounds").asInt()).isEqualTo(1);
        assertThat(o.path("rounds_eps").path("monitor").size()).isEqualTo(1);
        assertThat(o.path("rounds_eps").path("monitor").get(0).asLong()).isEqualTo(o.path("monitor_eps").asLong());
        assertThat(r.err()).contains("entroflow bench: warm-up: monitor").contains("entroflow bench: monitor")
                .contains("events/s");
    }
}
