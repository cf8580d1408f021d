package io.entroflow.app.backtest;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.entroflow.app.files.FileProblems;
import io.entroflow.schemas.wire.JsonSerde;
import io.entroflow.schemas.wire.Silence;
import io.entroflow.schemas.wire.Subscription;
import io.entroflow.topology.offline.OfflineRecord;
import io.entroflow.topology.route.Mute;
import io.entroflow.topology.route.Route;
import io.entroflow.topology.route.RoutingPlan;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The subscriptions and silences of a backtest, read from files holding a YAML or JSON list of the
 * same records as the compacted {@code routing.subscriptions} and {@code routing.silences} topics
 * ({@link Subscription}, {@link Silence}), each validated as the router validates them
 * ({@link Route#of}, {@link Mute#of}). Immutable.
 *
 * <p><b>When they take effect.</b> They become records of those topics with record timestamp 0, fed
 * to the monitor before the first input record: the router applies a change at its record time, so
 * every subscription is in force from the start of the input. A silence mutes by its own
 * {@code starts_at}/{@code ends_at} in event time, exactly as live.
 *
 * @param subscriptions in file order (ids unique)
 * @param silences      in file order (ids unique)
 */
public record RoutingFiles(List<Subscription> subscriptions, List<Silence> silences) {
    /** No subscriptions, no silences. */
    public static final RoutingFiles NONE = new RoutingFiles(List.of(), List.of());

    private static final YAMLMapper YAML = new YAMLMapper();

    public RoutingFiles {
        subscriptions = List.copyOf(subscriptions);
        silences = List.copyOf(silences);
    }

    /** True when there is nothing to feed. */
    public boolean isEmpty() {
        return subscriptions.isEmpty() && silences.isEmpty();
    }

    /**
     * Reads and validates a subscriptions file.
     *
     * @throws BadInputException one line naming the option, the file, the list index and the field,
     *                           e.g. {@code --subscriptions: 'subs.yaml' [1] (id 'ops'): match: ...}
     */
    public static List<Subscription> readSubscriptions(String option, Path file) {
        return read(option, file, Subscription.class, Subscription::id, Route::of);
    }

    /** Reads and validates a silences file; errors as {@link #readSubscriptions}. */
    public static List<Silence> readSilences(String option, Path file) {
        return read(option, file, Silence.class, Silence::id, Mute::of);
    }

    private static <T> List<T> read(String option, Path file, Class<T> type, Function<T, String> id,
                                    Consumer<T> validate) {
        String at = option + ": '" + file + "'";
        JsonNode root;
        try {
            root = YAML.readTree(Files.readAllBytes(file)); // YAML 1.1 reads JSON too
        } catch (JacksonException e) {
            throw new BadInputException(at + ": neither YAML nor JSON: " + oneLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new BadInputException(FileProblems.unreadable(option, file, e), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return List.of();
        }
        if (!root.isArray()) {
            throw new BadInputException(at + ": expected a list of " + type.getSimpleName().toLowerCase()
                    + " records, got a " + root.getNodeType().toString().toLowerCase());
        }
        ObjectReader reader = JsonSerde.MAPPER.readerFor(type).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        List<T> all = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode n = root.get(i);
            String where = at + " [" + i + "]";
            if (!n.isObject()) {
                throw new BadInputException(where + ": expected an object, got " + n.getNodeType().toString().toLowerCase());
            }
            T t;
            try {
                t = reader.readValue(n);
            } catch (JacksonException e) {
                throw new BadInputException(where + ": " + oneLine(e.getOriginalMessage()), e);
            } catch (IOException e) {
                throw new BadInputException(where + ": " + e, e);
            }
            String name = id.apply(t);
            if (name != null && !name.isBlank()) {
                where += " (id '" + name + "')";
            }
            try {
                validate.accept(t);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(where + ": " + oneLine(e.getMessage()), e);
            }
            if (!ids.add(name)) {
                throw new BadInputException(where + ": id: '" + name + "' appears twice in the file");
            }
            all.add(t);
        }
        return all;
    }

    private static String oneLine(String s) {
        return String.valueOf(s).replace('\n', ' ').replace('\r', ' ');
    }

    /**
     * The records of the routing topics to feed before the input: each subscription, then each
     * silence, keyed by its id, valued by its JSON, at partition 0, timestamp 0, offsets from 0.
     */
    List<OfflineRecord> records(RoutingPlan routing) {
        List<OfflineRecord> out = new ArrayList<>();
        for (int i = 0; i < subscriptions.size(); i++) {
            Subscription s = subscriptions.get(i);
            out.add(record(routing.subscriptionsTopic(), i, s.id(), s));
        }
        for (int i = 0; i < silences.size(); i++) {
            Silence s = silences.get(i);
            out.add(record(routing.silencesTopic(), i, s.id(), s));
        }
        return out;
    }

    private static OfflineRecord record(String topic, long offset, String id, Object value) {
        try {
            return new OfflineRecord(topic, 0, offset, 0L, id.getBytes(StandardCharsets.UTF_8),
                    JsonSerde.MAPPER.writeValueAsBytes(value), new RecordHeaders());
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + id + " as JSON", e);
        }
    }
}
