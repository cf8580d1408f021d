package io.entroflow.topology.stream;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-key state of the signals processor, persisted as JSON in {@code <monitor>-signals-store}:
 * latest event time (lateness), previous event time (inter-arrival), the key's open categorical
 * alphabets, and the tails numeric ordinal symbolisers need. Owned by one stream thread.
 */
final class SignalState {
    static final long NONE = Long.MIN_VALUE;

    public long maxTime = NONE;
    public long lastTime = NONE;
    /** signal index -&gt; categories in order of first appearance (symbol = position). */
    public Map<Integer, List<String>> categories = new HashMap<>();
    /** signal index -&gt; the last values seen (ordinal symbolisers), oldest first. */
    public Map<Integer, List<Double>> tails = new HashMap<>();

    /** Transient lookup caches rebuilt from {@link #categories}. */
    @JsonIgnore
    final Map<Integer, Map<String, Integer>> index = new HashMap<>();

    int symbolOf(int signal, String category) {
        Map<String, Integer> m = index.computeIfAbsent(signal, s -> {
            Map<String, Integer> built = new HashMap<>();
            List<String> list = categories.getOrDefault(s, List.of());
            for (int i = 0; i < list.size(); i++) {
                built.put(list.get(i), i);
            }
            return built;
        });
        Integer id = m.get(category);
        return id == null ? -1 : id;
    }

    int size(int signal) {
        return categories.getOrDefault(signal, List.of()).size();
    }

    int add(int signal, String category) {
        int existing = symbolOf(signal, category);
        if (existing >= 0) {
            return existing;
        }
        List<String> list = categories.computeIfAbsent(signal, s -> new ArrayList<>());
        list.add(category);
        index.get(signal).put(category, list.size() - 1);
        return list.size() - 1;
    }
}
