package io.entroflow.topology.plan;

import io.entroflow.schemas.spec.MonitorSpecLoader;
import io.entroflow.topology.operator.OperatorRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every commented example spec in {@code deploy/examples/} validates and plans. */
class ExampleSpecsTest {
    static Stream<Path> examples() throws IOException {
        Path dir = Files.isDirectory(Path.of("../deploy/examples")) ? Path.of("../deploy/examples") : Path.of("deploy/examples");
        return Files.list(dir).filter(p -> p.toString().endsWith(".yaml")).sorted();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void shouldPlan(Path example) {
        MonitorPlan plan = new MonitorPlanner(OperatorRegistry.standard()).plan(example.toString(),
                MonitorSpecLoader.load(example));
        assertThat(plan.operators()).isNotEmpty();
    }
}
