package io.entroflow.operators.internal.histogram;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static io.entroflow.operators.Theories.decimals;
import static io.entroflow.operators.Theories.lists;
import static io.entroflow.operators.Theories.qt;
import static io.entroflow.operators.Theories.seeds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExactSumTest {

    @Test
    void shouldGiveTheSameBitsInAnyOrder() {
        // up to 60 terms in -1e12..1e12 (two decimal places, the ends and zero among them), any shuffle
        qt(300).forAll(lists(decimals(-1e12, 1e12), 0, 60), seeds())
                .checkAssert(ExactSumTest::shouldGiveTheSameBitsInAnyOrder);
    }

    private static void shouldGiveTheSameBitsInAnyOrder(List<Double> terms, long seed) {
        ExactSum forward = new ExactSum();
        terms.forEach(forward::add);
        List<Double> shuffled = new ArrayList<>(terms);
        Collections.shuffle(shuffled, new Random(seed));
        ExactSum other = new ExactSum();
        shuffled.forEach(other::add);
        assertThat(other).isEqualTo(forward);
    }

    @Test
    void shouldReturnToZeroAfterSubtractingEveryTerm() {
        // up to 60 terms in -1e15..1e15 (two decimal places, the ends and zero among them)
        qt(300).forAll(lists(decimals(-1e15, 1e15), 0, 60))
                .checkAssert(ExactSumTest::shouldReturnToZeroAfterSubtractingEveryTerm);
    }

    private static void shouldReturnToZeroAfterSubtractingEveryTerm(List<Double> terms) {
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
