package io.entroflow.topology.cli;

import io.entroflow.operators.InformationUnit;
import io.entroflow.operators.entropy.EntropyConfig;
import io.entroflow.operators.entropy.EntropyMeasure;
import io.entroflow.operators.entropy.EntropyOperator;
import io.entroflow.operators.window.Window;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * {@code entroflow demo}: until the streaming monitor lands, an offline demo of the operators on
 * a generated stream with a planted entropy collapse: a sliding-window entropy watched against
 * an enter/exit threshold, and the detection delay reported.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run entropy operators on a generated stream with a planted entropy collapse and report detection.")
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--events", defaultValue = "20000", description = "Events to generate. Default 20000.")
    int events;

    @Option(names = "--collapse-at", defaultValue = "12000", description = "Event index of the planted collapse. Default 12000.")
    int collapseAt;

    @Option(names = "--window", defaultValue = "500", description = "Sliding window in events. Default 500.")
    int window;

    @Option(names = "--seed", defaultValue = "7", description = "Random seed. Default 7.")
    long seed;

    private final PrintStream out = System.out;

    @Override
    public Integer call() {
        if (events < 1 || collapseAt < 0 || collapseAt >= events || window < 1) {
            System.err.println("entroflow demo: need events >= 1, 0 <= collapse-at < events, window >= 1; got events="
                    + events + " collapse-at=" + collapseAt + " window=" + window);
            return 2;
        }
        double enter = 2.0;  // bits: fire below
        double exit = 2.5;   // bits: resolve above
        EntropyOperator shannon = new EntropyOperator(new EntropyConfig(Window.count(window), EntropyMeasure.shannon(), InformationUnit.BITS, 16));
        EntropyOperator renyi2 = new EntropyOperator(new EntropyConfig(Window.count(window), EntropyMeasure.renyi(2), InformationUnit.BITS, 16));
        Random random = new Random(seed);
        out.printf("entroflow demo: %d events over 16 symbols, uniform until event %d, then 90%% on one symbol%n", events, collapseAt);
        out.printf("sliding window %d events; alert when Shannon entropy < %.1f bits, resolve above %.1f bits%n%n", window, enter, exit);
        boolean firing = false;
        long detectedAt = -1;
        long start = System.nanoTime();
        for (int i = 0; i < events; i++) {
            int symbol = i < collapseAt || random.nextDouble() >= 0.9 ? random.nextInt(16) : 3;
            shannon.update(i, symbol);
            renyi2.update(i, symbol);
            double h = shannon.value();
            if (!firing && i >= window && h < enter) {
                firing = true;
                if (detectedAt < 0 && i >= collapseAt) {
                    detectedAt = i;
                }
                out.printf("event %6d  FIRING    entropy %.3f bits < %.1f (renyi-2 %.3f bits)%n", i, h, enter, renyi2.value());
            } else if (firing && h > exit) {
                firing = false;
                out.printf("event %6d  RESOLVED  entropy %.3f bits > %.1f%n", i, h, exit);
            }
            if ((i + 1) % 2000 == 0) {
                out.printf("event %6d  entropy %.3f bits  renyi-2 %.3f bits%n", i + 1, h, renyi2.value());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        out.println();
        out.printf("planted entropy collapse at event %d: %s%n", collapseAt,
                detectedAt >= 0 ? "detected at event " + detectedAt + " (delay " + (detectedAt - collapseAt) + " events)" : "NOT detected");
        out.printf("%d events in %.3f s%n", events, seconds);
        return detectedAt >= 0 ? 0 : 1;
    }
}
