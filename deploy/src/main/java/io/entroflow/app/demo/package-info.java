/**
 * The demo: {@link io.entroflow.app.demo.DemoStream}, a deterministic generated stream with
 * planted changes at known event times, and {@link io.entroflow.app.demo.DemoScore}, which matches
 * planted changes to alerts (detection delays, false alarms).
 */
package io.entroflow.app.demo;
