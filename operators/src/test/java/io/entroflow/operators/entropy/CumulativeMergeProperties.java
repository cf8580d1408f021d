package io.entroflow.operators.entropy;

import io.entroflow.operators.InformationUnit;
import io.entroflow.operators.window.Window;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cumulative states over disjoint data merge into the state of their union. */
class CumulativeMergeProperties {

    @Property(tries = 200)
    void mergedStateEqualsTheStateOfTheUnion(@ForAll @Size(max = 200) List<@IntRange(min = 0, max = 30) Integer> left,
                                             @ForAll @Size(max = 200) List<@IntRange(min = 0, max = 30) Integer> right) {
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

    @Property(tries = 50)
    void shannonSumsOfMergedStatesAreBitIdenticalToTheUnion(@ForAll @Size(max = 300) List<@IntRange(min = 0, max = 9) Integer> left,
                                                             @ForAll @Size(max = 300) List<@IntRange(min = 0, max = 9) Integer> right) {
        EntropyConfig config = new EntropyConfig(Window.cumulative(), EntropyMeasure.shannon(), InformationUnit.NATS, 10);
        EntropyOperator a = feed(new EntropyOperator(config), left, 0);
        a.merge(feed(new EntropyOperator(config), right, 0));
        EntropyOperator union = feed(feed(new EntropyOperator(config), right, 0), left, 0);
        assertThat(a.value()).isEqualTo(union.value());
    }

    @org.junit.jupiter.api.Test
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
