package io.entroflow.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The broker benchmarks' {@code name=value} arguments and their medians. */
final class BenchArgs {
    private BenchArgs() {
    }

    /** {@code name=value} arguments in order ({@code name} alone maps to the empty string). */
    static Map<String, String> parse(String[] args) {
        Map<String, String> a = new LinkedHashMap<>();
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            a.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        return a;
    }

    static double median(List<Double> values) {
        double[] s = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
