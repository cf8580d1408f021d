package io.entroflow.app.http;

import io.entroflow.schemas.spec.MonitorSpecLoader;
import io.entroflow.topology.operator.OperatorRegistry;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.plan.MonitorPlanner;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP server of {@code run} and {@code demo} (dashboard, API, /health, /metrics) listens on
 * 127.0.0.1 unless {@code --http-bind} says otherwise (issue 17, item 8).
 */
class HttpOptionsTest {
    @Command(name = "cmd")
    static final class Cmd {
        @Mixin
        HttpOptions http = new HttpOptions();
    }

    private static MonitorPlan plan() {
        return new MonitorPlanner(OperatorRegistry.standard()).plan("m", MonitorSpecLoader.parse("m", """
                monitor: m
                input: {topics: [events]}
                signals: [{name: kind, kind: categorical, field: /kind}]
                operators: [{name: h, type: entropy, signal: kind, window: {count: 10}}]
                """));
    }

    @Test
    void shouldBindTheHttpServerToLoopbackUnlessToldOtherwise() {
        Cmd cmd = new Cmd();
        new CommandLine(cmd).parseArgs("--http-port", "0");
        assertThat(cmd.http.bind()).isEqualTo("127.0.0.1");
        try (ObservabilityServer.Binding b = ObservabilityServer.bind(cmd.http, 0, plan())) {
            assertThat(b.applicationServer()).startsWith("127.0.0.1:");
        }
        Cmd other = new Cmd();
        new CommandLine(other).parseArgs("--http-bind", "0.0.0.0");
        assertThat(other.http.bind()).isEqualTo("0.0.0.0");
    }
}
