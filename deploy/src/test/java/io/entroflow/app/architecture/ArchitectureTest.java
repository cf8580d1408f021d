package io.entroflow.app.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layering of the modules (docs/architecture.md), checked over the production classes of every
 * module on this module's class path: operators, schemas, topology and the app. A forbidden import
 * fails the build with the offending class, the dependency and its source line.
 *
 * <pre>
 * operators  ◄── schemas ◄── topology ◄── app (deploy/)
 *   math          wire         Kafka Streams   CLI, broker
 * </pre>
 */
class ArchitectureTest {
    private static final String OPERATORS = "io.entroflow.operators..";
    private static final String OPERATORS_INTERNALS = "io.entroflow.operators..internal..";
    private static final String SCHEMAS = "io.entroflow.schemas..";
    private static final String TOPOLOGY = "io.entroflow.topology..";
    private static final String APP = "io.entroflow.app..";
    private static final String[] KAFKA = {"org.apache.kafka..", "kafka.."};
    private static final String[] BROKER = {"kafka..", "org.apache.kafka.server..", "org.apache.kafka.controller..",
            "org.apache.kafka.metadata..", "org.apache.kafka.raft..", "org.apache.kafka.storage.."};
    private static final String JACKSON = "com.fasterxml.jackson..";
    private static final String[] YAML = {"org.yaml..", "com.fasterxml.jackson.dataformat.yaml.."};
    private static final String PICOCLI = "picocli..";

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ArchitectureTest::isProductionCode)
                .importPackages("io.entroflow");
        // the rules below would pass vacuously on an empty import
        assertThat(production.containPackage("io.entroflow.operators.entropy")).isTrue();
        assertThat(production.containPackage("io.entroflow.schemas.spec")).isTrue();
        assertThat(production.containPackage("io.entroflow.topology.stream")).isTrue();
        assertThat(production.containPackage("io.entroflow.app.cli")).isTrue();
    }

    /** Main classes only: not test-classes directories nor test jars (the topology test-jar is on this class path). */
    private static boolean isProductionCode(Location location) {
        return ImportOption.Predefined.DO_NOT_INCLUDE_TESTS.includes(location) && !location.contains("-tests.jar");
    }

    @Test
    void operatorsShouldImportNoFrameworkNorAnyOtherModule() {
        check(noClasses().that().resideInAPackage(OPERATORS).should().dependOnClassesThat()
                .resideInAnyPackage(concat(KAFKA, YAML, JACKSON, PICOCLI, SCHEMAS, TOPOLOGY, APP))
                .because("the math library is plain Java: symbols or doubles in, snapshots out"));
    }

    @Test
    void operatorsShouldDependOnlyOnTheJdkAndCommonsStatistics() {
        check(classes().that().resideInAPackage(OPERATORS).should().onlyDependOnClassesThat()
                .resideInAnyPackage(OPERATORS, "java..", "org.apache.commons.statistics..")
                .because("a new dependency of the math library is a decision, not an accident"));
    }

    @Test
    void schemasShouldNotKnowTheTopologyNorTheApp() {
        check(noClasses().that().resideInAPackage(SCHEMAS).should().dependOnClassesThat()
                .resideInAnyPackage(concat(new String[]{"org.apache.kafka.streams.."}, BROKER, TOPOLOGY, APP, PICOCLI))
                .because("wire formats are shared by every side; they own nothing but formats"));
    }

    @Test
    void topologyShouldNotKnowTheAppNorTheCommandLineNorTheBroker() {
        check(noClasses().that().resideInAPackage(TOPOLOGY).should().dependOnClassesThat()
                .resideInAnyPackage(concat(new String[]{APP, PICOCLI}, BROKER))
                .because("the Kafka Streams library runs inside any application, against any cluster"));
    }

    @Test
    void nothingOutsideOperatorsShouldUseItsInternals() {
        check(noClasses().that().resideOutsideOfPackage(OPERATORS).should().dependOnClassesThat()
                .resideInAPackage(OPERATORS_INTERNALS)
                .because("operators' internals may change in any release; use the public operators and snapshots"));
    }

    @Test
    void packagesShouldBeFreeOfCycles() {
        check(slices().matching("io.entroflow.(**)").should().beFreeOfCycles());
    }

    private static void check(ArchRule rule) {
        rule.check(production);
    }

    private static String[] concat(Object... parts) {
        return java.util.Arrays.stream(parts)
                .flatMap(p -> p instanceof String[] a ? java.util.Arrays.stream(a) : java.util.stream.Stream.of((String) p))
                .toArray(String[]::new);
    }
}
