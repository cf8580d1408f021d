package io.entroflow.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The bench's report: medians over the measured rounds, each round's figure beside them, the ratios. */
class BenchResultTest {
    private static ThroughputRun.Result run(Variant v, double eps) {
        return new ThroughputRun.Result(v, 1_000, eps, 0.5, 1_000 / eps);
    }

    private static final BenchResult RESULT = new BenchResult("demo.yaml", 1_000, 10, 2, 200, 1, List.of(
            run(Variant.PASSTHROUGH, 300), run(Variant.BASELINE, 200), run(Variant.MONITOR, 90),
            run(Variant.PASSTHROUGH, 500), run(Variant.BASELINE, 100), run(Variant.MONITOR, 150),
            run(Variant.PASSTHROUGH, 400), run(Variant.BASELINE, 150), run(Variant.MONITOR, 120)), null, 1.5, 2);

    @Test
    void shouldReportMediansRatiosAndEveryRound() {
        JsonNode o = RESULT.toJson();
        assertThat(o.path("passthrough_eps").asLong()).isEqualTo(400);
        assertThat(o.path("baseline_eps").asLong()).isEqualTo(150);
        assertThat(o.path("monitor_eps").asLong()).isEqualTo(120);
        assertThat(o.path("ratio").asDouble()).isEqualTo(0.8);
        assertThat(o.path("ratio_passthrough").asDouble()).isEqualTo(0.3);
        assertThat(o.path("warmup_rounds").asInt()).isEqualTo(1);
        assertThat(o.path("rounds").asInt()).isEqualTo(3);
        assertThat(o.path("rounds_eps").path("monitor").toString()).isEqualTo("[90,150,120]");
        assertThat(o.path("rounds_eps").path("passthrough").toString()).isEqualTo("[300,500,400]");
    }

    @Test
    void shouldPrintEachVariantsSpreadInTheTable() {
        assertThat(RESULT.table())
                .contains("demo.yaml: 1,000 events over 10 keys, 2 partitions, exactly-once, commit interval 200 ms, 1 warm-up round")
                .containsPattern("monitor +120 +0.80 +0.30 +90 - 150")
                .contains("ratio monitor / baseline: 0.80");
    }
}
