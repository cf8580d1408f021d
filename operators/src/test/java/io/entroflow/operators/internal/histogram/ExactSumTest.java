package io.entroflow.operators.internal.histogram;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExactSumTest {

    @Property(tries = 300)
    void shouldGiveTheSameBitsInAnyOrder(@ForAll @Size(max = 60) List<@DoubleRange(min = -1e12, max = 1e12) Double> terms,
                                         @ForAll long seed) {
        ExactSum forward = new ExactSum();
        terms.forEach(forward::add);
        List<Double> shuffled = new ArrayList<>(terms);
        Collections.shuffle(shuffled, new Random(seed));
        ExactSum other = new ExactSum();
        shuffled.forEach(other::add);
        assertThat(other).isEqualTo(forward);
    }

    @Property(tries = 300)
    void shouldReturnToZeroAfterSubtractingEveryTerm(@ForAll @Size(max = 60) List<@DoubleRange(min = -1e15, max = 1e15) Double> terms) {
        ExactSum sum = new ExactSum();
        terms.forEach(sum::add);
        terms.forEach(sum::subtract);
        assertThat(sum.isZero()).isTrue();
        assertThat(sum.value()).isZero();
    }

    @Test
    void shouldSumSmallFractionsWithoutRounding() {
        ExactSum sum = new ExactSum();
        for (int i = 0; i < 1000; i++) {
            sum.add(0.1);
        }
        // 1000 * (double) 0.1 exactly, i.e. the error of the term, not of the summation
        assertThat(sum.value()).isEqualTo(1000 * new java.math.BigDecimal(0.1).doubleValue(), org.assertj.core.data.Offset.offset(1e-12));
        sum.add(1e17);
        sum.subtract(1e17);
        assertThat(sum.value()).isCloseTo(100.0, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void shouldRejectTermsBeyondItsRange() {
        assertThatThrownBy(() -> new ExactSum().add(1e19)).isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("1.0E19");
    }
}
