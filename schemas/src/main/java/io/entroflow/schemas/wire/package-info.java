/**
 * Wire formats of the monitor's topics: {@link io.entroflow.schemas.wire.AggregateRecord} (aggregates),
 * {@link io.entroflow.schemas.wire.AlertRecord} (alert events and alert state, Alertmanager-shaped),
 * {@link io.entroflow.schemas.wire.DeadLetterHeaders} (dead-letter topic headers),
 * {@link io.entroflow.schemas.wire.ParsedEvent} (the monitor's re-keyed internal topic),
 * {@link io.entroflow.schemas.wire.Subscription} and {@link io.entroflow.schemas.wire.Silence} (the
 * compacted routing topics), {@link io.entroflow.schemas.wire.Notification} (the notifications topic,
 * carrying Alertmanager's {@link io.entroflow.schemas.wire.WebhookMessage}), and
 * {@link io.entroflow.schemas.wire.JsonSerde}. Each has a JSON Schema under {@code /schemas/}.
 */
package io.entroflow.schemas.wire;
