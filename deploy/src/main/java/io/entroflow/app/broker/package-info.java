/**
 * Where the app talks to Kafka: {@link io.entroflow.app.broker.KafkaTarget} (a given cluster, or
 * the embedded broker when none is given) and {@link io.entroflow.app.broker.EmbeddedKafka} (a
 * single-node KRaft broker on 127.0.0.1 in this JVM, for the demo, local runs and integration tests).
 */
package io.entroflow.app.broker;
