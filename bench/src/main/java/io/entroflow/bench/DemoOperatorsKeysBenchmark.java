package io.entroflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.entroflow.app.demo.DemoStream;
import io.entroflow.schemas.spec.MonitorSpecLoader;
import io.entroflow.topology.operator.OperatorRegistry;
import io.entroflow.topology.operator.StreamingOperator;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.plan.MonitorPlanner;
import io.entroflow.topology.plan.PlannedOperator;
import io.entroflow.topology.plan.PlannedSignal;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The demo spec's five operators (entropy, transfer entropy, HMM filter, permutation entropy,
 * complexity; {@code deploy/examples/demo.yaml}), built by the monitor's own planner and factories,
 * updated with the demo's events ({@link DemoStream}: key i mod K, as {@code entroflow bench} sends
 * them) for K = 1 key and for the bench's 1,000 keys, each key with its own five operators: the
 * operators' per-event cost inside the monitor, without Kafka Streams, stores or journals.
 *
 * <p>What it shows: with one key, the five updates are the JMH figures of the operators (a few tens of
 * ns each, state in the L1/L2 cache); with 1,000 keys visited in turn, every event touches state no
 * cache holds any more (five operators' windows, tables and HMM buffers per key), and the same
 * updates cost several times more: a floor under the monitor's cost per event that no pipeline change
 * removes (docs/performance.md, "Session 16").
 *
 * <p>Run from the repository root: {@code java -jar bench/target/benchmarks.jar DemoOperatorsKeysBenchmark
 * -f 1 -wi 3 -i 5 -w 2 -r 2}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DemoOperatorsKeysBenchmark {
    private static final int EVENTS = 200_000;

    /** Keys the events are spread over (key i mod K). */
    @Param({"1", "100", "1000"})
    public int keys;

    private StreamingOperator[][] operators; // [key][operator]
    private int[][] signalIndices;            // [operator] -> indices into an event's values
    private long[][] values;                  // [event][signal]
    private long[] times;
    private int[] keyOf;
    private long[][] inputs;                  // [operator] scratch

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Path spec = Path.of("deploy/examples/demo.yaml");
        MonitorPlan plan = new MonitorPlanner(OperatorRegistry.standard()).plan(spec.toString(), MonitorSpecLoader.load(spec));
        List<PlannedOperator> ops = plan.operators();
        operators = new StreamingOperator[keys][ops.size()];
        for (int k = 0; k < keys; k++) {
            for (int o = 0; o < ops.size(); o++) {
                operators[k][o] = ops.get(o).newOperator();
            }
        }
        signalIndices = new int[ops.size()][];
        inputs = new long[ops.size()][];
        for (int o = 0; o < ops.size(); o++) {
            signalIndices[o] = ops.get(o).signalIndices();
            inputs[o] = new long[signalIndices[o].length];
        }
        List<PlannedSignal> signals = plan.signals();
        ObjectMapper json = new ObjectMapper();
        DemoStream stream = new DemoStream(7, 0, EVENTS / 20, 20_000, true, keys);
        values = new long[EVENTS][signals.size()];
        times = new long[EVENTS];
        keyOf = new int[EVENTS];
        for (int i = 0; i < EVENTS; i++) {
            DemoStream.Event e = stream.next();
            JsonNode event = json.readTree(e.json());
            times[i] = e.time();
            keyOf[i] = i % keys;
            for (int s = 0; s < signals.size(); s++) {
                PlannedSignal signal = signals.get(s);
                JsonNode field = event.at(signal.spec().field());
                values[i][s] = signal.categorical()
                        ? signal.spec().values().indexOf(field.asText())
                        : Double.doubleToRawLongBits(field.asDouble());
            }
        }
    }

    /** One pass over the events: every operator of the event's key updated, as the monitor does per event. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public double updateEveryOperatorOfTheKey() {
        double sum = 0;
        for (int i = 0; i < EVENTS; i++) {
            StreamingOperator[] ofKey = operators[keyOf[i]];
            long[] v = values[i];
            for (int o = 0; o < ofKey.length; o++) {
                int[] idx = signalIndices[o];
                long[] in = inputs[o];
                for (int s = 0; s < idx.length; s++) {
                    in[s] = v[idx[s]];
                }
                sum += ofKey[o].update(times[i], in);
            }
        }
        return sum;
    }
}
