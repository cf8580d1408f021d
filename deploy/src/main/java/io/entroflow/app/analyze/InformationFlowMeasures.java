package io.entroflow.app.analyze;

import java.util.ArrayList;
import java.util.List;

/** The information-flow measures of {@code analyze}, in listing order (registered in {@link AnalyzeMeasures}). */
final class InformationFlowMeasures {
    private InformationFlowMeasures() {
    }

    static List<AnalyzeMeasure> all() {
        List<AnalyzeMeasure> all = new ArrayList<>(TwoStreamMeasure.all());
        all.addAll(TransferEntropyMeasure.all());
        all.addAll(OwnHistoryMeasure.all());
        all.add(new MarkovMeasure());
        return all;
    }
}
