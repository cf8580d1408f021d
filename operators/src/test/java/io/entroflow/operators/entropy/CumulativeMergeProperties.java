package io.entroflow.operators.entropy;

import io.entroflow.operators.InformationUnit;
import io.entroflow.operators.window.Window;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.entroflow.operators.Theories.ints;
import static io.entroflow.operators.Theories.lists;
import static io.entroflow.operators.Theories.qt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cumulative states over disjoint data merge into the state of their union. */
class CumulativeMergeProperties {

    @Test
    void mergedStateEqualsTheStateOfTheUnion() {
        // two streams of up to 200 symbols out of 31
        qt(200).forAll(lists(ints(0, 30), 0, 200), lists(ints(0, 30), 0, 200))
                .checkAssert(CumulativeMergeProperties::mergedStateEqualsTheStateOfTheUnion);
    }

    private static void mergedStateEqualsTheStateOfTheUnion(List<Integer> left, List<Integer> right) {
        EntropyConfig config = new EntropyConfig(Window.cumulative(), EntropyMeasure.renyi(2.5), InformationUnit.BITS, 31);
        EntropyOperator a = feed(new EntropyOperator(config), left, 0);
        EntropyOperator b = feed(new EntropyOperator(config), right, 10_000);
        EntropyOperator union = feed(feed(new EntropyOperator(config), left, 0), right, 10_000);
        a.merge(b);
        assertThat(a.value()).isCloseTo(union.value(), org.assertj.core.data.Offset.offset(1e-12));
        EntropySnapshot merged = a.snapshot();
        EntropySnapshot expected = union.snapshot();
        assertThat(merged.events()).isEqualTo(expected.events());
        assertThat(merged.support()).isEqualTo(expected.support());
        assertThat(merged.totalWeight()).isEqualTo(expected.totalWeight());
        assertThat(merged.windowStart()).isEqualTo(expected.windowStart());
        assertThat(merged.windowEnd()).isEqualTo(expected.windowEnd());
    }

    @Test
    void shannonSumsOfMergedStatesAreBitIdenticalToTheUnion() {
        // two streams of up to 300 symbols out of 10
        qt(50).forAll(lists(ints(0, 9), 0, 300), lists(ints(0, 9), 0, 300))
                .checkAssert(CumulativeMergeProperties::shannonSumsOfMergedStatesAreBitIdenticalToTheUnion);
    }

    private static void shannonSumsOfMergedStatesAreBitIdenticalToTheUnion(List<Integer> left, List<Integer> right) {
        EntropyConfig config = new EntropyConfig(Window.cumulative(), EntropyMeasure.shannon(), InformationUnit.NATS, 10);
        EntropyOperator a = feed(new EntropyOperator(config), left, 0);
        a.merge(feed(new EntropyOperator(config), right, 0));
        EntropyOperator union = feed(feed(new EntropyOperator(config), right, 0), left, 0);
        assertThat(a.value()).isEqualTo(union.value());
    }

    @Test
    void shouldRefuseToMergeSlidingWindows() {
        EntropyConfig config = new EntropyConfig(Window.count(10), EntropyMeasure.shannon(), InformationUnit.BITS, 4);
        assertThatThrownBy(() -> new EntropyOperator(config).merge(new EntropyOperator(config)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cumulative");
    }

    private static EntropyOperator feed(EntropyOperator op, List<Integer> symbols, long t0) {
        for (int i = 0; i < symbols.size(); i++) {
            op.update(t0 + i, symbols.get(i));
        }
        return op;
    }
}
