package io.entroflow.app.deliver;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Delivery counters in a Micrometer registry, tagged {@code receiver} (the subscription id) and
 * {@code kind} ({@code webhook}, {@code alertmanager}); in Prometheus:
 * {@code entroflow_delivery_sent_total} (notifications delivered), {@code entroflow_delivery_retried_total}
 * (attempts after a failed one) and {@code entroflow_delivery_failed_total} (notifications
 * dead-lettered after their last attempt, or at once on an answer that forbids retrying).
 * Thread-safe (Micrometer's counters are).
 */
public final class DeliveryMetrics {
    private final MeterRegistry registry;

    public DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void sent(String receiver, String kind) {
        counter("entroflow.delivery.sent", "Notifications delivered", receiver, kind).increment();
    }

    void retried(String receiver, String kind) {
        counter("entroflow.delivery.retried", "Delivery attempts after a failed one", receiver, kind).increment();
    }

    void failed(String receiver, String kind) {
        counter("entroflow.delivery.failed", "Notifications dead-lettered after their last delivery attempt",
                receiver, kind).increment();
    }

    private Counter counter(String name, String help, String receiver, String kind) {
        return Counter.builder(name).description(help).tag("receiver", receiver).tag("kind", kind).register(registry);
    }
}
