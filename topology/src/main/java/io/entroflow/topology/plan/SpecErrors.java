package io.entroflow.topology.plan;

import io.entroflow.schemas.spec.Durations;
import io.entroflow.schemas.spec.SpecPath;
import io.entroflow.schemas.spec.SpecPathException;
import io.entroflow.schemas.spec.SpecValidationException;

import java.util.ArrayList;
import java.util.List;

/**
 * The errors found while planning one spec, each a path and a reason, rendered once as
 * {@code path: reason} in document order of discovery. Single-threaded; one per {@code plan} call.
 */
final class SpecErrors {
    private final List<String> errors;

    /** Errors found before planning (the schema's), reported first. */
    SpecErrors(List<String> earlier) {
        errors = new ArrayList<>(earlier);
    }

    /** Records a problem at {@code path}. */
    void add(SpecPath path, String reason) {
        errors.add(path + ": " + reason);
    }

    /** Records a problem thrown with its path, and the independent ones it carries as suppressed. */
    void add(SpecPathException e) {
        errors.add(e.getMessage());
        for (Throwable also : e.getSuppressed()) {
            if (also instanceof SpecPathException p) {
                errors.add(p.getMessage());
            }
        }
    }

    /** The milliseconds of duration {@code text} at {@code path}, or 0 after recording why it is bad. */
    long duration(SpecPath path, String text) {
        try {
            return Durations.parseMillis(path, text);
        } catch (SpecPathException e) {
            add(e);
            return 0;
        }
    }

    /** @throws SpecValidationException listing every error, when there is one */
    void throwIfAny(String source) {
        if (!errors.isEmpty()) {
            throw new SpecValidationException(source, errors);
        }
    }
}
