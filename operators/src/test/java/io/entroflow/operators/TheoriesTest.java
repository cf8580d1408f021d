package io.entroflow.operators;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static io.entroflow.operators.Theories.decimals;
import static io.entroflow.operators.Theories.ints;
import static io.entroflow.operators.Theories.lists;
import static io.entroflow.operators.Theories.qt;
import static io.entroflow.operators.Theories.seeds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The property-test configuration itself: the seed in every failure, replayable runs, generators within their ranges. */
class TheoriesTest {

    @Test
    void shouldNameTheSeedAndHowToReplayItWhenAPropertyFails() {
        assertThatThrownBy(() -> qt(200).forAll(ints(0, 100)).checkAssert(i -> assertThat(i).isLessThan(90)))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Property falsified with seed " + Theories.seed() + " after ")
                .hasMessageContaining("replay with -D" + Theories.SEED_PROPERTY + "=" + Theories.seed())
                .hasMessageContaining("Smallest falsifying value(s): ")
                .cause().isInstanceOf(AssertionError.class).hasMessageContaining("less than");
    }

    @Test
    void shouldDrawTheSameExamplesFromTheSameSeed() {
        List<Long> first = new ArrayList<>();
        List<Long> second = new ArrayList<>();
        qt(50).forAll(seeds()).checkAssert(first::add);
        qt(50).forAll(seeds()).checkAssert(second::add);
        assertThat(first).hasSize(50).isEqualTo(second);
    }

    @Test
    void shouldRunTheGivenNumberOfExamplesWithinTheRangeAndItsEdges() {
        List<Integer> drawn = new ArrayList<>();
        qt(1000).forAll(ints(1, 5000), seeds()).checkAssert((i, seed) -> drawn.add(i));
        assertThat(drawn).hasSize(1000).allSatisfy(i -> assertThat(i).isBetween(1, 5000)).contains(1, 2, 5000);
        assertThat(drawn.stream().filter(i -> i > 11).count()).isGreaterThan(500);

        List<Double> decimals = new ArrayList<>();
        qt(1000).forAll(decimals(0.1, 4, 2.0), seeds()).checkAssert((d, seed) -> decimals.add(d));
        assertThat(decimals).allSatisfy(d -> {
            assertThat(d).isBetween(0.1, 4.0);
            assertThat(BigDecimal.valueOf(d).scale()).isLessThanOrEqualTo(2);
        }).contains(0.1, 2.0, 4.0);

        List<Integer> sizes = new ArrayList<>();
        qt(300).forAll(lists(ints(0, 9), 0, 60), seeds()).checkAssert((l, seed) -> sizes.add(l.size()));
        assertThat(sizes).allSatisfy(n -> assertThat(n).isBetween(0, 60)).contains(0, 1, 60);
    }
}
