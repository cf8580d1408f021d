package io.entroflow.app.it;

import org.junit.jupiter.api.Tag;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test class of the third tier: it runs against a real Kafka broker (the embedded KRaft
 * broker on 127.0.0.1, or a child JVM), under Failsafe in {@code mvn verify}, never under Surefire.
 * Such classes are named {@code *IT}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("integration")
public @interface IntegrationTest {
}
