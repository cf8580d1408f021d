/**
 * The HTTP endpoints of a running monitor: {@link io.entroflow.app.http.ObservabilityServer}
 * ({@code /health}, {@code /health/ready}, {@code /health/live}, {@code /metrics}, the state API
 * {@link io.entroflow.app.http.StateApi} over interactive queries with forwarding between instances,
 * the live stream of server-sent events and the dashboard page) on
 * {@link io.entroflow.app.http.HttpEndpoints}, a small router over the JDK's
 * {@code com.sun.net.httpserver} with optional bearer-token authentication
 * ({@link io.entroflow.app.http.BearerToken}); {@link io.entroflow.app.http.Health} maps the Kafka
 * Streams state to liveness and readiness; {@link io.entroflow.app.http.HttpOptions} is the
 * command-line mixin of {@code run} and {@code demo}; the recent outputs behind the history and the
 * live stream come from {@link io.entroflow.app.http.OutputFeed} into
 * {@link io.entroflow.app.http.AggregateHistory} and {@link io.entroflow.app.http.EventHub}.
 */
package io.entroflow.app.http;
