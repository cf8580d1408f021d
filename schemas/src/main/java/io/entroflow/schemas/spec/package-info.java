/**
 * The monitor spec: immutable records mirroring {@code schemas/monitor-spec.schema.json}, and
 * {@link io.entroflow.schemas.spec.MonitorSpecLoader}, which reads a YAML or JSON spec, validates
 * it against the schema and reports every error by path ({@code operators[2].window.count: must be > 0}).
 * Code past the schema reports a bad value as a {@link io.entroflow.schemas.spec.SpecPathException}: a
 * {@link io.entroflow.schemas.spec.SpecPath} (data, built where the path is known) and a reason.
 */
package io.entroflow.schemas.spec;
