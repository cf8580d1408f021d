/**
 * Delivery of alert notifications to receivers outside Kafka: {@link io.entroflow.app.deliver.DeliveryWorker}
 * consumes the notifications topic the routing stage writes and hands each notification to its
 * subscription's webhook ({@link io.entroflow.app.deliver.WebhookEndpoint}: the Alertmanager webhook
 * payload as it is) or Alertmanager ({@link io.entroflow.app.deliver.AlertmanagerEndpoint}: its v2
 * alerts API), with retries ({@link io.entroflow.app.deliver.RetryPolicy},
 * {@link io.entroflow.app.deliver.HttpDelivery}), a stable {@link io.entroflow.app.deliver.IdempotencyKey}
 * and a dead-letter entry after the last retry; at least once (docs/alerts.md, "Delivery").
 */
package io.entroflow.app.deliver;
