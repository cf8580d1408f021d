package io.entroflow.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.entroflow.app.http.ObservabilityServer;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.runtime.MonitorRuntime;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes manifests of {@code deploy/k8s/}: each valid against the strict JSON Schema of its
 * kind (vendored in {@code deploy/k8s/schemas/}, no network), a misspelt or mistyped field refused,
 * and the StatefulSet's command one that {@code entroflow run} accepts, reading the files the
 * ConfigMap and Secret mount, with its probes on the HTTP server's health endpoints.
 */
class K8sManifestsTest {
    private static final Path K8S = Path.of("../deploy/k8s");
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> SCHEMA_BY_KIND = Map.of("StatefulSet", "statefulset-apps-v1.json",
            "Service", "service-v1.json", "ConfigMap", "configmap-v1.json", "Secret", "secret-v1.json");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"statefulset.yaml", "service.yaml", "configmap.yaml", "secret.yaml"})
    void shouldMatchTheStrictKubernetesSchemaOfItsKind(String file) throws IOException {
        JsonNode manifest = manifest(file);
        assertThat(errors(manifest)).isEmpty();
    }

    @Test
    void shouldRefuseAMisspeltOrMistypedField() throws IOException {
        ObjectNode misspelt = (ObjectNode) manifest("statefulset.yaml");
        ObjectNode container = (ObjectNode) misspelt.at("/spec/template/spec/containers/0");
        container.set("readinesProbe", container.remove("readinessProbe"));
        assertThat(errors(misspelt)).anySatisfy(e -> assertThat(e).contains("readinesProbe"));

        ObjectNode mistyped = (ObjectNode) manifest("statefulset.yaml");
        ((ObjectNode) mistyped.get("spec")).put("replicas", "three");
        assertThat(errors(mistyped)).anySatisfy(e -> assertThat(e).contains("replicas"));

        ObjectNode service = (ObjectNode) manifest("service.yaml");
        ((ObjectNode) service.get("spec")).set("clusterIp", ((ObjectNode) service.get("spec")).remove("clusterIP"));
        assertThat(errors(service)).anySatisfy(e -> assertThat(e).contains("clusterIp"));

        ObjectNode noContainerName = (ObjectNode) manifest("statefulset.yaml");
        ((ObjectNode) noContainerName.at("/spec/template/spec/containers/0")).remove("name");
        assertThat(errors(noContainerName)).anySatisfy(e -> assertThat(e).contains("name"));
    }

    @Test
    void shouldRunTheMonitorOfTheConfigMapWithTheSecretsKafkaConfigAndAStateVolume() throws IOException {
        JsonNode set = manifest("statefulset.yaml");
        JsonNode pod = set.at("/spec/template/spec");
        JsonNode container = pod.at("/containers/0");
        List<String> args = new ArrayList<>();
        container.get("args").forEach(a -> args.add(a.asText()));
        assertThat(args.get(0)).isEqualTo("run");
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs(args.subList(1, args.size()).toArray(String[]::new));

        Map<String, String> mounts = new java.util.HashMap<>();
        container.get("volumeMounts").forEach(m -> mounts.put(m.get("name").asText(), m.get("mountPath").asText()));
        JsonNode configMap = manifest("configmap.yaml");
        JsonNode specVolume = volume(pod, "spec").get("configMap");
        assertThat(specVolume.get("name").asText()).isEqualTo(configMap.at("/metadata/name").asText());
        String specKey = run.config.getFileName().toString();
        assertThat(run.config.getParent()).isEqualTo(Path.of(mounts.get("spec")));
        String spec = configMap.at("/data/" + specKey).asText();
        assertThat(spec).isEqualTo(Files.readString(Path.of("../deploy/examples/payments.yaml")));
        Path specFile = Files.createTempFile("k8s-spec", ".yaml");
        Files.writeString(specFile, spec);
        MonitorPlan plan = RunCommand.loadPlan("--config", specFile);

        JsonNode secret = manifest("secret.yaml");
        assertThat(volume(pod, "kafka").at("/secret/secretName").asText()).isEqualTo(secret.at("/metadata/name").asText());
        assertThat(run.kafka.kafkaConfig.getParent()).isEqualTo(Path.of(mounts.get("kafka")));
        Properties client = new Properties();
        client.load(new StringReader(secret.at("/stringData/" + run.kafka.kafkaConfig.getFileName()).asText()));
        assertThat(client.getProperty("bootstrap.servers")).isNotBlank();
        assertThat(run.kafka.bootstrapServers).isNull(); // from the Secret
        StreamsConfig streams = new StreamsConfig(MonitorRuntime.config(plan, client.getProperty("bootstrap.servers"),
                run.dataDir.resolve("state"), false, "entroflow-payments-entroflow-0", client));
        assertThat(streams.getInt(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)).isEqualTo(1);
        assertThat(streams.getInt(StreamsConfig.REPLICATION_FACTOR_CONFIG)).isEqualTo(3);

        assertThat(run.dataDir).isEqualTo(Path.of(mounts.get("state")));
        assertThat(set.at("/spec/volumeClaimTemplates/0/metadata/name").asText()).isEqualTo("state");
        assertThat(set.at("/spec/serviceName").asText()).isEqualTo(manifest("service.yaml").at("/metadata/name").asText());
        assertThat(manifest("service.yaml").at("/spec/clusterIP").asText()).isEqualTo("None");

        assertThat(run.http.bind()).isEqualTo("0.0.0.0");
        int port = run.http.portOr(-1);
        assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(port);
        String portName = container.at("/ports/0/name").asText();
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/health/ready");
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/health/live");
        for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
            assertThat(container.at("/" + probe + "/httpGet/port").asText()).isEqualTo(portName);
            assertThat(ObservabilityServer.OPEN).contains(container.at("/" + probe + "/httpGet/path").asText());
        }
        assertThat(container.at("/resources/requests/cpu").asText()).isNotBlank();
        assertThat(container.at("/resources/requests/memory").asText())
                .isEqualTo(container.at("/resources/limits/memory").asText());
    }

    private static JsonNode volume(JsonNode pod, String name) {
        for (JsonNode v : pod.get("volumes")) {
            if (v.get("name").asText().equals(name)) {
                return v;
            }
        }
        throw new AssertionError("no volume " + name);
    }

    private static JsonNode manifest(String file) throws IOException {
        return YAML.readTree(K8S.resolve(file).toFile());
    }

    /** The schema errors of {@code manifest} against the vendored schema of its kind, as text. */
    private static List<String> errors(JsonNode manifest) throws IOException {
        String file = SCHEMA_BY_KIND.get(manifest.path("kind").asText());
        assertThat(file).as("schema for kind %s", manifest.path("kind")).isNotNull();
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                .getSchema(Files.readString(K8S.resolve("schemas").resolve(file)), InputFormat.JSON);
        List<Error> errors = schema.validate(JSON.writeValueAsString(manifest), InputFormat.JSON);
        return errors.stream().map(Error::toString).toList();
    }
}
