package io.entroflow.app.deliver;

import java.net.URI;

/** Where a subscription's notifications go: the {@code to} of a subscription record. */
public sealed interface Destination {
    /** A Kafka topic: written by the monitor's routing stage itself, in its transactions (nothing for the worker to do). */
    record Topic(String name) implements Destination {
    }

    /** An HTTP endpoint that receives Alertmanager webhook payloads. */
    record Webhook(URI url) implements Destination {
    }

    /** An Alertmanager, reached through its v2 API ({@code POST /api/v2/alerts}). */
    record Alertmanager(URI url) implements Destination {
    }
}
