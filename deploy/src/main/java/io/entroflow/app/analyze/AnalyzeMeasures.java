package io.entroflow.app.analyze;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** The registry of {@code analyze} measures: add a measure by adding it to {@link #all()}. */
public final class AnalyzeMeasures {
    private AnalyzeMeasures() {
    }

    /** Every measure, in listing order. */
    public static List<AnalyzeMeasure> all() {
        List<AnalyzeMeasure> all = new ArrayList<>(EntropyFamilyMeasure.all());
        all.add(new DivergenceMeasure());
        all.addAll(InformationFlowMeasures.all());
        all.addAll(List.of(new PermutationEntropyMeasure(), new ComplexityMeasure()));
        all.add(new HmmMeasure());
        return Collections.unmodifiableList(all);
    }

    /** The measure named {@code name}; a clear error listing the known names otherwise. */
    public static AnalyzeMeasure byName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        List<String> known = new ArrayList<>();
        for (AnalyzeMeasure m : all()) {
            if (m.names().contains(wanted)) {
                return m;
            }
            known.add(m.names().get(0));
        }
        throw new BadInputException("--measure: unknown measure '" + name + "'; known: " + String.join(", ", known));
    }
}
