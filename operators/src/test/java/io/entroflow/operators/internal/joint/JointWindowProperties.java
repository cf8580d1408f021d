package io.entroflow.operators.internal.joint;

import io.entroflow.operators.internal.window.EventWindow;
import io.entroflow.operators.window.Window;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.time.Duration;
import java.util.SplittableRandom;

import static io.entroflow.operators.Theories.ints;
import static io.entroflow.operators.Theories.qt;
import static io.entroflow.operators.Theories.seeds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link JointWindow}'s direct steps (a count window slid, a cumulative window pushed) leave the window
 * and the tables exactly as the general path does (the window's {@code offer} through a
 * {@link JointTablesListener}), bit for bit after every sample, for every window kind.
 */
class JointWindowProperties {

    /** A window, 1..300 samples of 2..6-bit codes drawn from 1..64 values, 0..3 ms apart. */
    private record Samples(Window window, int bits, int distinct, int length, long seed) {
    }

    private static Gen<Window> windows() {
        return Generate.oneOf(
                ints(1, 40).map(Window::count),
                ints(1, 400).map(span -> Window.time(Duration.ofMillis(span), Duration.ZERO)),
                ints(1, 50).map(h -> Window.decayEvents(h)),
                Generate.constant(Window.cumulative()));
    }

    private static Gen<Samples> samples() {
        Gen<Window> windows = windows();
        Gen<Integer> bits = ints(2, 6);
        Gen<Integer> distinct = ints(1, 64);
        Gen<Integer> lengths = ints(1, 300);
        Gen<Long> seeds = seeds();
        return in -> new Samples(windows.generate(in), bits.generate(in), distinct.generate(in), lengths.generate(in),
                seeds.generate(in));
    }

    @Test
    void directStepsEqualTheListenerPathBitForBitAfterEverySample() {
        qt(200).forAll(samples()).checkAssert(s -> {
            // a two-variable code: low half A, high half B; tables (A), (B), (A,B)
            long maskA = (1L << s.bits()) - 1;
            long maskB = maskA << s.bits();
            long[] masks = {maskA, maskB, maskA | maskB};
            JointWindow joint = new JointWindow(s.window(), masks);
            EventWindow window = EventWindow.of(s.window());
            JointTables tables = JointTables.forWindow(s.window(), masks);
            JointTablesListener listener = new JointTablesListener(tables);
            SplittableRandom random = new SplittableRandom(s.seed());
            long time = 0;
            for (int t = 0; t < s.length(); t++) {
                long code = random.nextInt(Math.min(s.distinct(), 1 << (2 * s.bits()))) & (maskA | maskB);
                time += random.nextInt(4);
                joint.offer(time, code);
                window.offer(time, code, listener);
                listener.flush();
                assertThat(joint.window().size()).isEqualTo(window.size());
                assertThat(joint.window().startTime()).isEqualTo(window.startTime());
                JointTables.Sums expected = tables.sums();
                JointTables.Sums actual = joint.tables().sums();
                assertThat(actual.totalWeight()).isEqualTo(expected.totalWeight());
                assertThat(actual.sumWLnW()).containsExactly(expected.sumWLnW());
                assertThat(joint.tables().localNats(2, code)).isEqualTo(tables.localNats(2, code));
            }
        });
    }
}
