/**
 * What the alert-subscription commands share: reading a compacted topic's current records
 * ({@link io.entroflow.app.alerts.CompactedTopic}), terminal tables ({@link io.entroflow.app.alerts.TextTable}),
 * and {@link io.entroflow.app.alerts.RouteCheck}, the answer of {@code routes test} computed with the
 * router's own matching, silencing and inhibition.
 */
package io.entroflow.app.alerts;
