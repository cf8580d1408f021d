package io.entroflow.topology.stream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-key state of the signals processor, persisted (compact binary, see {@link #encode}) in {@code <monitor>-signals-store}:
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
    final Map<Integer, Map<String, Integer>> index = new HashMap<>();
    /** The encoded categories and tails, or null after they changed (see {@link #tailsChanged}). */
    private byte[] body;

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
        body = null;
        return list.size() - 1;
    }

    /** Must be called after changing {@link #tails}: {@link #encode} reuses the encoded categories and tails until then. */
    void tailsChanged() {
        body = null;
    }

    /** True when the categories or tails changed since the last {@link #encode}. */
    boolean bodyChanged() {
        return body == null;
    }

    /**
     * Binary form: maxTime, lastTime, then the categories and the tails, each as (signal, count,
     * items). A fresh array; O(1) plus a copy of the encoded categories and tails, which are
     * re-encoded only after they changed.
     */
    byte[] encode() {
        if (body == null) {
            body = encodeBody();
        }
        byte[] out = new byte[2 * Long.BYTES + body.length];
        ByteBuffer.wrap(out).putLong(maxTime).putLong(lastTime).put(body);
        return out;
    }

    private byte[] encodeBody() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(categories.size());
            for (Map.Entry<Integer, List<String>> e : categories.entrySet()) {
                out.writeInt(e.getKey());
                out.writeInt(e.getValue().size());
                for (String c : e.getValue()) {
                    out.writeUTF(c);
                }
            }
            out.writeInt(tails.size());
            for (Map.Entry<Integer, List<Double>> e : tails.entrySet()) {
                out.writeInt(e.getKey());
                out.writeInt(e.getValue().size());
                for (double v : e.getValue()) {
                    out.writeDouble(v);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static SignalState decode(byte[] bytes) {
        SignalState s = new SignalState();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            s.maxTime = in.readLong();
            s.lastTime = in.readLong();
            for (int n = in.readInt(); n > 0; n--) {
                int signal = in.readInt();
                List<String> list = new ArrayList<>();
                for (int k = in.readInt(); k > 0; k--) {
                    list.add(in.readUTF());
                }
                s.categories.put(signal, list);
            }
            for (int n = in.readInt(); n > 0; n--) {
                int signal = in.readInt();
                List<Double> list = new ArrayList<>();
                for (int k = in.readInt(); k > 0; k--) {
                    list.add(in.readDouble());
                }
                s.tails.put(signal, list);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("signals store: unreadable state", e);
        }
        return s;
    }
}
