package io.entroflow.bench;

import io.entroflow.operators.InformationUnit;
import io.entroflow.operators.transfer.TransferEntropyConfig;
import io.entroflow.operators.transfer.TransferEntropyOperator;
import io.entroflow.operators.window.Window;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The {@link TransferEntropyBench} incremental workload timed by the thread's CPU time instead of
 * the wall clock: a stand-in for JMH when other processes share the cores (descheduled time is not
 * counted; cache interference still is). Same stream, window (10,000) and {@code update} +
 * {@code value()} per event; 2,000,000 events a round, the first third of the rounds discarded as
 * warm-up; prints the minimum and median ns per event of the rest.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar io.entroflow.bench.TransferEntropyCpuTime k3l2-8symbols 15}
 * (workload {@code k1l1-binary} or {@code k3l2-8symbols}, rounds).
 */
public final class TransferEntropyCpuTime {
    private static final int WINDOW = 10_000;
    private static final int STREAM = 1 << 16;
    private static final int EVENTS_PER_ROUND = 2_000_000;

    private TransferEntropyCpuTime() {
    }

    public static void main(String[] args) {
        String workload = args.length > 0 ? args[0] : "k3l2-8symbols";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        boolean binary = workload.startsWith("k1l1");
        int alphabet = binary ? 2 : 8;
        SplittableRandom random = new SplittableRandom(42);
        int[] x = new int[STREAM];
        int[] y = new int[STREAM];
        for (int t = 0; t < STREAM; t++) {
            y[t] = random.nextInt(alphabet);
            x[t] = t > 0 && random.nextBoolean() ? y[t - 1] : random.nextInt(alphabet);
        }
        TransferEntropyOperator operator = new TransferEntropyOperator(TransferEntropyConfig.of(Window.count(WINDOW),
                InformationUnit.BITS, alphabet, alphabet, binary ? 1 : 3, binary ? 1 : 2, 1));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] nanosPerEvent = new double[rounds];
        double sink = 0;
        long time = 0;
        int next = 0;
        for (int r = 0; r < rounds; r++) {
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < EVENTS_PER_ROUND; i++) {
                operator.update(time++, x[next], y[next]);
                sink += operator.value();
                next = next + 1 == STREAM ? 0 : next + 1;
            }
            nanosPerEvent[r] = (threads.getCurrentThreadCpuTime() - start) / (double) EVENTS_PER_ROUND;
        }
        double[] measured = Arrays.copyOfRange(nanosPerEvent, rounds / 3, rounds);
        Arrays.sort(measured);
        System.out.printf("%s: CPU ns/event min %.1f, median %.1f over %d rounds (checksum %.3f)%n", workload,
                measured[0], measured[measured.length / 2], measured.length, sink);
    }
}
