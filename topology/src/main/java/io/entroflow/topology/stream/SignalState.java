package io.entroflow.topology.stream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-key state of the signals processor: latest event time (lateness), previous event time
 * (inter-arrival), the key's open categorical alphabets, the tails numeric ordinal symbolisers
 * need, and the alignment of signals from different topics. Persisted in
 * {@code <monitor>-signals-store} as two compact binary records, so that what changes with every
 * event stays small: the times, tails and alignment ({@link #encode}, under the key) and
 * the categories ({@link #encodeCategories}, under {@link #categoriesKey}, put only when a
 * category is added). Owned by one stream thread.
 */
final class SignalState extends HeldBackWrites.Held {
    static final long NONE = Long.MIN_VALUE;
    private static final String CATEGORIES_MARK = "\u0000c";
    /** Bytes of {@link #encode} without tails and alignment: two times, no tails, no alignment. */
    private static final int TIMES_ONLY = 2 * Long.BYTES + Integer.BYTES + 1;

    public long maxTime = NONE;
    public long lastTime = NONE;
    /** signal index -&gt; categories in order of first appearance (symbol = position). */
    public Map<Integer, List<String>> categories = new HashMap<>();
    /** signal index -&gt; the last values seen (ordinal symbolisers), oldest first. */
    public Map<Integer, List<Double>> tails = new HashMap<>();

    /** Event-time alignment of signals from different topics, or null when the monitor aligns none. */
    public AlignmentBuffer alignment;

    /** Transient lookup caches rebuilt from {@link #categories}, by signal index (null: not built yet). */
    @SuppressWarnings("unchecked")
    private HashMap<String, Integer>[] index = new HashMap[0];
    /** Symbols whose last looked-up instance {@link #symbolOf} compares by identity first. */
    static final int RECENT = 32;
    /** Per signal, the instance last looked up for each of the first {@link #RECENT} symbols (null: none yet). */
    private String[][] recent = new String[0][];
    private boolean categoriesChanged;
    /** The key's {@link #stateKey}, set when the processor loads the state: encoded once per key, not per event. */
    String storeKey;
    /**
     * The key as the event that loaded this state carried it: the events forwarded to the operators carry
     * this instance, so their caches find the key by identity instead of comparing its characters.
     */
    String key;

    /** The store key of {@code key}'s times, tails and alignment record: its {@link StoreKeys#of store form}. */
    static String stateKey(String key) {
        return StoreKeys.of(key);
    }

    /** The store key of the categories record of the key whose {@link #stateKey} is {@code stateKey}. */
    static String categoriesKey(String stateKey) {
        return stateKey + CATEGORIES_MARK;
    }

    /**
     * The symbol of {@code category} for {@code signal}, or -1 when the key has not seen it. First
     * by identity among the instances last looked up for the first {@link #RECENT} symbols (with
     * the processor's canonical category strings, one cache line instead of a hash-map walk), else
     * by the index.
     */
    int symbolOf(int signal, String category) {
        String[] seen = signal < recent.length ? recent[signal] : null;
        if (seen != null) {
            for (int k = 0; k < seen.length; k++) {
                if (seen[k] == category) {
                    return k;
                }
            }
        }
        Integer id = index(signal).get(category);
        if (id == null) {
            return -1;
        }
        remember(signal, id, category);
        return id;
    }

    /** Keeps {@code category} as the instance of symbol {@code id} that {@link #symbolOf} compares first. */
    private void remember(int signal, int id, String category) {
        if (id >= RECENT) {
            return;
        }
        if (signal >= recent.length) {
            recent = Arrays.copyOf(recent, signal + 1);
        }
        String[] seen = recent[signal];
        if (seen == null || id >= seen.length) {
            seen = seen == null ? new String[Math.max(4, id + 1)] : Arrays.copyOf(seen, Math.min(RECENT,
                    Math.max(id + 1, 2 * seen.length)));
            recent[signal] = seen;
        }
        seen[id] = category;
    }

    /** The number of categories of {@code signal} (their symbols are 0 .. size &minus; 1). */
    int size(int signal) {
        return index(signal).size(); // categories are distinct: as many as in the list
    }

    /** Category &rarr; symbol of {@code signal}, built from {@link #categories} on first use. */
    private HashMap<String, Integer> index(int signal) {
        if (signal >= index.length) {
            index = Arrays.copyOf(index, signal + 1);
        }
        HashMap<String, Integer> m = index[signal];
        if (m == null) {
            m = new HashMap<>();
            List<String> list = categories.getOrDefault(signal, List.of());
            for (int i = 0; i < list.size(); i++) {
                m.put(list.get(i), i);
            }
            index[signal] = m;
        }
        return m;
    }

    int add(int signal, String category) {
        int existing = symbolOf(signal, category);
        if (existing >= 0) {
            return existing;
        }
        List<String> list = categories.computeIfAbsent(signal, s -> new ArrayList<>());
        list.add(category);
        index[signal].put(category, list.size() - 1);
        remember(signal, list.size() - 1, category);
        categoriesChanged = true;
        return list.size() - 1;
    }

    /** True when a category was added since the last {@link #encodeCategories}. */
    boolean categoriesChanged() {
        return categoriesChanged;
    }

    /**
     * Binary form of what changes with events: maxTime, lastTime, the tails as (signal, count,
     * values), then a flag and the alignment buffer.
     */
    byte[] encode() {
        if (tails.isEmpty() && alignment == null) { // the common case, without streams: the same bytes
            return ByteBuffer.allocate(TIMES_ONLY).putLong(maxTime).putLong(lastTime).putInt(0).put((byte) 0).array();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(2 * Long.BYTES + Integer.BYTES);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(maxTime);
            out.writeLong(lastTime);
            out.writeInt(tails.size());
            for (Map.Entry<Integer, List<Double>> e : tails.entrySet()) {
                out.writeInt(e.getKey());
                out.writeInt(e.getValue().size());
                for (double v : e.getValue()) {
                    out.writeDouble(v);
                }
            }
            out.writeBoolean(alignment != null);
            if (alignment != null) {
                alignment.write(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Binary form of the categories, as (signal, count, names); clears {@link #categoriesChanged}. */
    byte[] encodeCategories() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(categories.size());
            for (Map.Entry<Integer, List<String>> e : categories.entrySet()) {
                out.writeInt(e.getKey());
                out.writeInt(e.getValue().size());
                for (String c : e.getValue()) {
                    out.writeUTF(c);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        categoriesChanged = false;
        return bytes.toByteArray();
    }

    /**
     * The state from its two records.
     *
     * @param state      {@link #encode}'s bytes, or null for a key never seen
     * @param categories {@link #encodeCategories}'s bytes, or null when the key has none
     */
    static SignalState decode(byte[] state, byte[] categories) {
        SignalState s = new SignalState();
        try {
            if (state != null) {
                DataInputStream in = new DataInputStream(new ByteArrayInputStream(state));
                s.maxTime = in.readLong();
                s.lastTime = in.readLong();
                for (int n = in.readInt(); n > 0; n--) {
                    int signal = in.readInt();
                    List<Double> list = new ArrayList<>();
                    for (int k = in.readInt(); k > 0; k--) {
                        list.add(in.readDouble());
                    }
                    s.tails.put(signal, list);
                }
                if (in.readBoolean()) {
                    s.alignment = AlignmentBuffer.read(in);
                }
            }
            if (categories != null) {
                DataInputStream in = new DataInputStream(new ByteArrayInputStream(categories));
                for (int n = in.readInt(); n > 0; n--) {
                    int signal = in.readInt();
                    List<String> list = new ArrayList<>();
                    for (int k = in.readInt(); k > 0; k--) {
                        list.add(in.readUTF());
                    }
                    s.categories.put(signal, list);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("signals store: unreadable state", e);
        }
        return s;
    }
}
