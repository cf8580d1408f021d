/**
 * The HTTP endpoints of a running monitor: {@link io.entroflow.app.http.ObservabilityServer}
 * ({@code /health}, {@code /health/ready}, {@code /health/live}, {@code /metrics}) on
 * {@link io.entroflow.app.http.HttpEndpoints}, a small router over the JDK's
 * {@code com.sun.net.httpserver} with optional bearer-token authentication
 * ({@link io.entroflow.app.http.BearerToken}); {@link io.entroflow.app.http.Health} maps the Kafka
 * Streams state to liveness and readiness; {@link io.entroflow.app.http.HttpOptions} is the
 * command-line mixin of {@code run} and {@code demo}.
 */
package io.entroflow.app.http;
