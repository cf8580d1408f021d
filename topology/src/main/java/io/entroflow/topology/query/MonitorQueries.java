package io.entroflow.topology.query;

import io.entroflow.topology.alert.AlertRule;
import io.entroflow.topology.alert.AlertState;
import io.entroflow.topology.operator.OperatorResult;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.plan.PlannedOperator;
import io.entroflow.topology.stream.StoreReader;
import io.entroflow.topology.stream.TopologyNames;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStorePartitionException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Queries over the stores of this instance of a running monitor (Kafka Streams interactive
 * queries), and where a key's state lives when there are several instances.
 *
 * <p>Everything here reads the local active stores only; a caller that serves several instances
 * asks {@link #owner} and forwards ({@code KafkaStreams.queryMetadataForKey}, which needs
 * {@code application.server} set to each instance's address). While the application rebalances the
 * stores are closed: the methods then throw Kafka Streams' {@code InvalidStateStoreException}.
 * Thread-safe (each call opens its own read-only store views).
 *
 * <p>Cost: {@link #keys} scans every operator store (O(records)); {@link #key} replays the key's
 * window once per operator (O(window)); {@link #firing} scans the alerts store.
 */
public final class MonitorQueries {
    private final MonitorPlan plan;
    private final KafkaStreams streams;
    private final TopologyNames names;
    private final Map<String, List<AlertRule>> rulesByOperator;

    public MonitorQueries(MonitorPlan plan, KafkaStreams streams) {
        this.plan = plan;
        this.streams = streams;
        this.names = new TopologyNames(plan.monitor());
        this.rulesByOperator = plan.rules().stream().collect(Collectors.groupingBy(AlertRule::operator));
    }

    /** A page of keys in ascending order, and the cursor of the next page (null on the last page). */
    public record KeyPage(List<String> keys, String next) {
    }

    /**
     * One operator's current value for a key (fields as in an aggregate record).
     *
     * @param posterior the posterior over hidden states (HMM operators), else null
     */
    public record OperatorView(String name, String type, List<String> signals, double value, String unit,
                               long windowStart, long windowEnd, long events, long eventsSeen, Double pValue,
                               Integer regime, double[] posterior) {
    }

    /**
     * One rule's state for a key.
     *
     * @param phase        {@code inactive}, {@code pending} or {@code firing}
     * @param condition    the rule's condition as in the spec ({@code threshold}: below/enter/exit, ...)
     * @param pendingSince event time the condition became active, or 0
     * @param firingSince  event time FIRING was emitted, or 0
     * @param lastActive   last event time the condition held while firing, or 0
     */
    public record AlertView(String rule, String operator, String severity, String phase, AlertRule.Condition condition,
                            long pendingSince, long firingSince, long lastActive) {
    }

    /** A key's state: every operator that has state for it, every rule over those operators. */
    public record KeyView(String key, List<OperatorView> operators, List<AlertView> alerts) {
    }

    /** An alert firing now. */
    public record FiringAlert(String rule, String key, String operator, String severity, long firingSince,
                              long lastActive) {
    }

    /**
     * The local keys that start with {@code prefix}, after {@code after} (exclusive; null = from the
     * start), at most {@code limit}, ascending.
     */
    public KeyPage keys(String prefix, String after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit: must be at least 1, got " + limit);
        }
        TreeSet<String> all = new TreeSet<>();
        for (PlannedOperator op : plan.operators()) {
            StoreReader.keys(store(names.operatorStore(op), null), k -> {
                if (k.startsWith(prefix) && (after == null || k.compareTo(after) > 0)) {
                    all.add(k);
                }
            });
        }
        List<String> page = new ArrayList<>(Math.min(limit, all.size()));
        for (String k : all) {
            if (page.size() == limit) {
                break;
            }
            page.add(k);
        }
        return new KeyPage(page, all.size() > limit ? page.get(page.size() - 1) : null);
    }

    /**
     * The key's state in the local stores, or empty when no operator has state for it here (including
     * when its partition is another instance's).
     */
    public Optional<KeyView> key(String key) {
        try {
            return localKey(key);
        } catch (InvalidStateStorePartitionException e) {
            return Optional.empty(); // the key's partition is not held here
        }
    }

    private Optional<KeyView> localKey(String key) {
        Integer partition = partition(key);
        List<OperatorView> ops = new ArrayList<>();
        for (PlannedOperator op : plan.operators()) {
            StoreReader.OperatorState s = StoreReader.operatorState(op, store(names.operatorStore(op), partition), key);
            if (s != null) {
                OperatorResult r = s.result();
                ops.add(new OperatorView(op.name(), op.type(), op.context().spec().signals(), r.value(), r.unit(),
                        r.windowStart(), r.windowEnd(), r.events(), s.eventsSeen(), r.pValue(), r.regime(),
                        s.posterior()));
            }
        }
        if (ops.isEmpty()) {
            return Optional.empty();
        }
        List<AlertView> alerts = new ArrayList<>();
        if (!plan.rules().isEmpty()) {
            ReadOnlyKeyValueStore<String, byte[]> store = store(names.alertsStore(), partition);
            for (OperatorView op : ops) {
                for (AlertRule rule : rulesByOperator.getOrDefault(op.name(), List.of())) {
                    AlertState a = StoreReader.alertState(store, rule.name(), key);
                    alerts.add(a == null
                            ? new AlertView(rule.name(), rule.operator(), rule.severity(), AlertState.INACTIVE,
                            rule.condition(), 0, 0, 0)
                            : new AlertView(rule.name(), rule.operator(), rule.severity(), a.phase, rule.condition(),
                            a.pendingSince, a.firingSince, a.lastActive));
                }
            }
        }
        return Optional.of(new KeyView(key, ops, alerts));
    }

    /** The alerts firing now in the local stores, by rule then key. */
    public List<FiringAlert> firing() {
        if (plan.rules().isEmpty()) {
            return List.of();
        }
        Map<String, AlertRule> rules = plan.rules().stream().collect(Collectors.toMap(AlertRule::name, Function.identity()));
        List<FiringAlert> firing = new ArrayList<>();
        StoreReader.alertStates(store(names.alertsStore(), null), (ruleAndKey, state) -> {
            AlertRule rule = rules.get(ruleAndKey[0]);
            if (rule != null && AlertState.FIRING.equals(state.phase)) {
                firing.add(new FiringAlert(rule.name(), ruleAndKey[1], rule.operator(), rule.severity(),
                        state.firingSince, state.lastActive));
            }
        });
        return firing;
    }

    /**
     * True when this instance runs but holds none of the monitor's operator stores as active, e.g. one
     * of more instances than input partitions (or one holding only standbys): it has no local keys and
     * no local alerts, rather than stores that are not queryable yet. False while rebalancing.
     *
     * @param self this instance's {@code application.server}
     */
    public boolean holdsNoActiveStore(HostInfo self) {
        String store = names.operatorStore(plan.operators().get(0));
        return streams.state() == KafkaStreams.State.RUNNING && streams.metadataForAllStreamsClients().stream()
                .filter(m -> m.hostInfo().equals(self)).noneMatch(m -> m.stateStoreNames().contains(store));
    }

    /**
     * The instance whose active stores hold {@code key}, or null when that is not known (no
     * {@code application.server} configured, or the application is rebalancing).
     */
    public HostInfo owner(String key) {
        KeyQueryMetadata m = metadata(key);
        return m == null ? null : m.activeHost();
    }

    private Integer partition(String key) {
        KeyQueryMetadata m = metadata(key);
        return m == null ? null : m.partition();
    }

    private KeyQueryMetadata metadata(String key) {
        KeyQueryMetadata m = streams.queryMetadataForKey(names.operatorStore(plan.operators().get(0)), key,
                (topic, k) -> StoreReader.partitionKey(plan, k));
        return m == null || m.equals(KeyQueryMetadata.NOT_AVAILABLE) ? null : m;
    }

    /** The local active store {@code name}, of one partition or (null) of all. */
    private ReadOnlyKeyValueStore<String, byte[]> store(String name, Integer partition) {
        StoreQueryParameters<ReadOnlyKeyValueStore<String, byte[]>> p =
                StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore());
        return streams.store(partition == null ? p : p.withPartition(partition));
    }
}
