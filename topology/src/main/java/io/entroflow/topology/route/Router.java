package io.entroflow.topology.route;

import io.entroflow.schemas.wire.AlertRecord;
import io.entroflow.schemas.wire.Notification;
import io.entroflow.schemas.wire.Silence;
import io.entroflow.schemas.wire.Subscription;
import io.entroflow.schemas.wire.WebhookMessage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The routing engine, Alertmanager's dispatcher, inhibitor, silencer and notification log in
 * event time. Inputs (alert transitions, subscription and silence changes) wait in a queue ordered
 * by (time, arrival) until the <b>watermark</b>, the least stream time over the monitor's
 * partitions (those within {@code max-skew} of the most advanced), reaches them; then inputs and
 * group flushes run in event-time order, an input at time t before a flush at t. So the outcome is
 * a function of the inputs' times and order, not of when they arrive or of restarts.
 *
 * <p><b>Groups.</b> An alert matching a subscription joins the group of its {@code group_by}
 * labels; a new group flushes {@code group_wait} after its first alert, then every
 * {@code group_interval} while it has alerts. A flush drops muted alerts (an active silence, or an
 * inhibition by a firing alert), then notifies, as Alertmanager's dedup stage decides: a firing
 * alert not in the last notification (first notification / new alerts added), with
 * {@code send_resolved} a resolved alert not in it (some alerts resolved), no firing alert left
 * while the last notification had some (all alerts resolved; sent only with {@code send_resolved},
 * recorded either way), or nothing new but more than {@code repeat_interval} since the last
 * notification (repeat interval elapsed). Resolved alerts leave the group after the flush that saw
 * them; a group without alerts stops flushing and is forgotten once no firing alert of it is
 * notified. Costs: O(log n) per input and flush plus O(alerts of the group · (silences + inhibition
 * rules · firing alerts)) per flush.
 *
 * <p>Every change goes through {@link Persistence} (write-through), so a router rebuilt from the
 * persisted entries ({@link #load}) continues exactly. Not thread-safe.
 */
final class Router {
    /** Store names of the persisted state. */
    static final String QUEUE = "queue";
    static final String SUBSCRIPTIONS = "subscriptions";
    static final String SILENCES = "silences";
    static final String FIRING = "firing";
    static final String GROUPS = "groups";
    static final String META = "meta";

    private static final String SEQUENCE = "sequence";
    private static final String DONE = "done";
    private static final String PARTITION = "partition-";

    /** Write-through persistence: {@code value} null deletes. */
    interface Persistence {
        void save(String store, String key, Object value);
    }

    private final RoutingPlan plan;
    private final Persistence persistence;
    private final Consumer<Notification> out;
    private final TreeMap<String, QueuedInput> queue = new TreeMap<>();
    private final TreeMap<String, Route> routes = new TreeMap<>();
    private final TreeMap<String, Mute> silences = new TreeMap<>();
    private final TreeMap<String, AlertRecord> firing = new TreeMap<>();
    private final TreeMap<String, AlertGroup> groups = new TreeMap<>();
    private final TreeMap<Integer, Long> partitions = new TreeMap<>();
    private long sequence;
    /** Event time up to which inputs and flushes have run. */
    private long done = Long.MIN_VALUE;

    Router(RoutingPlan plan, Persistence persistence, Consumer<Notification> out) {
        this.plan = plan;
        this.persistence = persistence;
        this.out = out;
    }

    /** Restores one persisted entry (before any input). */
    void load(String store, String key, Object value) {
        switch (store) {
            case QUEUE -> queue.put(key, (QueuedInput) value);
            case SUBSCRIPTIONS -> routes.put(key, Route.of((Subscription) value));
            case SILENCES -> silences.put(key, Mute.of((Silence) value));
            case FIRING -> firing.put(key, (AlertRecord) value);
            case GROUPS -> groups.put(key, (AlertGroup) value);
            case META -> {
                long v = (Long) value;
                if (key.equals(SEQUENCE)) {
                    sequence = v;
                } else if (key.equals(DONE)) {
                    done = v;
                } else {
                    partitions.put(Integer.parseInt(key.substring(PARTITION.length())), v);
                }
            }
            default -> throw new IllegalArgumentException("router store: unknown '" + store + "'");
        }
    }

    /** The type of {@code store}'s values. */
    static Class<?> type(String store) {
        return switch (store) {
            case QUEUE -> QueuedInput.class;
            case SUBSCRIPTIONS -> Subscription.class;
            case SILENCES -> Silence.class;
            case FIRING -> AlertRecord.class;
            case GROUPS -> AlertGroup.class;
            case META -> Long.class;
            default -> throw new IllegalArgumentException("router store: unknown '" + store + "'");
        };
    }

    /** A record of the internal input topic: the partition's stream time, and its alert if any, at {@code time}. */
    void onInput(RouteInput in, long time) {
        Long previous = partitions.get(in.partition());
        if (previous == null || in.streamTime() > previous) {
            partitions.put(in.partition(), in.streamTime());
            persistence.save(META, PARTITION + in.partition(), in.streamTime());
        }
        if (in.alert() != null) {
            enqueue(time, new QueuedInput(QueuedInput.ALERT, null, in.alert(), null, null));
        }
        advance();
    }

    /** A validated subscription (null: deleted) with record time {@code time}. */
    void onSubscription(String id, Subscription s, long time) {
        enqueue(time, new QueuedInput(QueuedInput.SUBSCRIPTION, id, null, s, null));
        advance();
    }

    /** A validated silence (null: deleted) with record time {@code time}. */
    void onSilence(String id, Silence s, long time) {
        enqueue(time, new QueuedInput(QueuedInput.SILENCE, id, null, null, s));
        advance();
    }

    /** The watermark: least stream time over the partitions within max-skew of the most advanced one. */
    long watermark() {
        if (partitions.isEmpty()) {
            return Long.MIN_VALUE;
        }
        long max = Long.MIN_VALUE;
        for (long t : partitions.values()) {
            max = Math.max(max, t);
        }
        long w = max;
        for (long t : partitions.values()) {
            if (max - t <= plan.maxSkewMillis()) {
                w = Math.min(w, t);
            }
        }
        return w;
    }

    private void enqueue(long time, QueuedInput in) {
        long t = Math.max(time, done); // an input older than what already ran takes effect now
        String key = String.format("%016x%016x", t ^ Long.MIN_VALUE, sequence++);
        persistence.save(META, SEQUENCE, sequence);
        queue.put(key, in);
        persistence.save(QUEUE, key, in);
    }

    private static long timeOf(String queueKey) {
        return Long.parseUnsignedLong(queueKey.substring(0, 16), 16) ^ Long.MIN_VALUE;
    }

    /** Runs every input with time &le; watermark and every flush with time &lt; watermark, in event-time order. */
    private void advance() {
        long w = watermark();
        while (true) {
            long te = queue.isEmpty() ? Long.MAX_VALUE : timeOf(queue.firstKey());
            AlertGroup next = nextFlush();
            long tf = next == null ? Long.MAX_VALUE : next.nextFlush;
            if (te <= tf && te <= w && te != Long.MAX_VALUE) {
                Map.Entry<String, QueuedInput> e = queue.pollFirstEntry();
                persistence.save(QUEUE, e.getKey(), null);
                setDone(te);
                apply(e.getValue(), te);
            } else if (tf < te && tf < w) {
                setDone(tf);
                flush(next, tf);
            } else {
                return;
            }
        }
    }

    private void setDone(long t) {
        if (t > done) {
            done = t;
            persistence.save(META, DONE, t);
        }
    }

    private AlertGroup nextFlush() {
        AlertGroup best = null;
        for (AlertGroup g : groups.values()) {
            if (g.nextFlush != AlertGroup.NEVER && (best == null || g.nextFlush < best.nextFlush)) {
                best = g;
            }
        }
        return best;
    }

    private void apply(QueuedInput in, long t) {
        switch (in.kind()) {
            case QueuedInput.ALERT -> applyAlert(in.alert(), t);
            case QueuedInput.SUBSCRIPTION -> applySubscription(in.id(), in.subscription(), t);
            case QueuedInput.SILENCE -> applySilence(in.id(), in.silence());
            default -> throw new IllegalStateException("router queue: unknown input kind '" + in.kind() + "'");
        }
    }

    private void applyAlert(AlertRecord a, long t) {
        if (AlertRecord.FIRING.equals(a.status())) {
            firing.put(a.fingerprint(), a);
            persistence.save(FIRING, a.fingerprint(), a);
        } else if (firing.remove(a.fingerprint()) != null) {
            persistence.save(FIRING, a.fingerprint(), null);
        }
        for (Route r : routes.values()) {
            place(r, a, t, false);
        }
    }

    /** Puts {@code a} into its group of {@code r} if it matches; a resolution only into an existing group. */
    private void place(Route r, AlertRecord a, long t, boolean rebuilding) {
        if (!r.matches(a.labels())) {
            return;
        }
        Map<String, String> labels = r.groupLabels(a.labels());
        String key = groupKey(r, labels);
        String id = AlertGroup.id(r.id(), key);
        AlertGroup g = groups.get(id);
        boolean resolved = AlertRecord.RESOLVED.equals(a.status());
        if (g == null) {
            if (resolved && !rebuilding) {
                return; // never notified as firing here: nothing to resolve
            }
            g = new AlertGroup(r.id(), labels, key);
            groups.put(id, g);
        }
        if (g.alerts.isEmpty() && g.nextFlush == AlertGroup.NEVER) {
            g.nextFlush = t + r.groupWaitMillis();
        }
        g.alerts.put(a.fingerprint(), a);
        persistence.save(GROUPS, id, g);
    }

    private void applySubscription(String id, Subscription s, long t) {
        List<AlertRecord> held = new ArrayList<>();
        Iterator<Map.Entry<String, AlertGroup>> it = groups.entrySet().iterator();
        Map<String, AlertGroup> old = new TreeMap<>();
        while (it.hasNext()) {
            AlertGroup g = it.next().getValue();
            if (g.subscription.equals(id)) {
                held.addAll(g.alerts.values());
                old.put(g.id(), g);
                it.remove();
            }
        }
        if (s == null) {
            routes.remove(id);
            persistence.save(SUBSCRIPTIONS, id, null);
            old.keySet().forEach(k -> persistence.save(GROUPS, k, null));
            return;
        }
        Route r = Route.of(s);
        routes.put(id, r);
        persistence.save(SUBSCRIPTIONS, id, s);
        // groups that keep their key keep their schedule and notification log; alerts are placed afresh
        for (AlertGroup g : old.values()) {
            g.alerts.clear();
            groups.put(g.id(), g);
        }
        Map<String, AlertRecord> place = new TreeMap<>();
        held.forEach(a -> place.put(a.fingerprint(), a));
        place.putAll(firing);
        for (AlertRecord a : place.values()) {
            place(r, a, t, true);
        }
        for (AlertGroup g : old.values()) {
            if (g.alerts.isEmpty()) { // a group the new version does not make: gone, as on an Alertmanager reload
                groups.remove(g.id());
                persistence.save(GROUPS, g.id(), null);
            } else {
                persistence.save(GROUPS, g.id(), g);
            }
        }
    }

    private void applySilence(String id, Silence s) {
        if (s == null) {
            silences.remove(id);
        } else {
            silences.put(id, Mute.of(s));
        }
        persistence.save(SILENCES, id, s);
    }

    private void flush(AlertGroup g, long f) {
        Route r = routes.get(g.subscription);
        List<AlertRecord> visible = new ArrayList<>();
        TreeSet<String> firingNow = new TreeSet<>();
        TreeSet<String> resolvedNow = new TreeSet<>();
        List<Map<String, String>> firingLabels = firing.values().stream().map(AlertRecord::labels).toList();
        for (AlertRecord a : g.alerts.values()) {
            if (muted(a.labels(), f, firingLabels)) {
                continue;
            }
            visible.add(a);
            (AlertRecord.FIRING.equals(a.status()) ? firingNow : resolvedNow).add(a.fingerprint());
        }
        expireSilences(f);
        if (!visible.isEmpty()) {
            String reason = reason(g, firingNow, resolvedNow, r, f);
            if (reason != null) {
                List<AlertRecord> sent = r.subscription().sendResolved() ? visible
                        : visible.stream().filter(a -> AlertRecord.FIRING.equals(a.status())).toList();
                g.notifiedAt = f;
                g.notifiedFiring = firingNow;
                g.notifiedResolved = resolvedNow;
                if (!sent.isEmpty()) {
                    g.sequence++;
                    out.accept(notification(r, g, sent, reason, f));
                }
            }
        }
        g.alerts.values().removeIf(a -> AlertRecord.RESOLVED.equals(a.status()));
        g.nextFlush = g.alerts.isEmpty() ? AlertGroup.NEVER : f + r.groupIntervalMillis();
        if (g.disposable()) {
            groups.remove(g.id());
            persistence.save(GROUPS, g.id(), null);
        } else {
            persistence.save(GROUPS, g.id(), g);
        }
    }

    /** Alertmanager's {@code DedupStage.needsUpdate}: the notification reason, or null for none. */
    private static String reason(AlertGroup g, TreeSet<String> firingNow, TreeSet<String> resolvedNow, Route r, long f) {
        if (g.notifiedAt < 0) {
            return firingNow.isEmpty() ? null : WebhookMessage.REASON_FIRST;
        }
        if (!g.notifiedFiring.containsAll(firingNow)) {
            return g.notifiedFiring.isEmpty() ? WebhookMessage.REASON_FIRST : WebhookMessage.REASON_NEW_ALERTS;
        }
        if (firingNow.isEmpty()) {
            return g.notifiedFiring.isEmpty() ? null : WebhookMessage.REASON_ALL_RESOLVED;
        }
        if (r.subscription().sendResolved() && !g.notifiedResolved.containsAll(resolvedNow)) {
            return WebhookMessage.REASON_SOME_RESOLVED;
        }
        return g.notifiedAt < f - r.repeatIntervalMillis() ? WebhookMessage.REASON_REPEAT : null;
    }

    private boolean muted(Map<String, String> labels, long t, List<Map<String, String>> firingLabels) {
        for (Mute m : silences.values()) {
            if (m.mutes(labels, t)) {
                return true;
            }
        }
        return Inhibition.anyMutes(plan.inhibitions(), labels, firingLabels);
    }

    /** Forgets silences that ended at or before {@code t}: they expire by themselves. */
    private void expireSilences(long t) {
        Iterator<Map.Entry<String, Mute>> it = silences.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Mute> e = it.next();
            if (e.getValue().endsMillis() <= t) {
                it.remove();
                persistence.save(SILENCES, e.getKey(), null);
            }
        }
    }

    private Notification notification(Route r, AlertGroup g, List<AlertRecord> sent, String reason, long f) {
        List<WebhookMessage.Alert> alerts = new ArrayList<>();
        boolean anyFiring = false;
        for (AlertRecord a : sent) {
            anyFiring |= AlertRecord.FIRING.equals(a.status());
            alerts.add(new WebhookMessage.Alert(a.status(), new TreeMap<>(a.labels()), new TreeMap<>(a.annotations()),
                    a.startsAt(), a.endsAt(), "", a.fingerprint()));
        }
        WebhookMessage payload = new WebhookMessage(WebhookMessage.VERSION, g.groupKey, 0,
                anyFiring ? AlertRecord.FIRING : AlertRecord.RESOLVED, r.id(), g.groupLabels,
                common(sent.stream().map(AlertRecord::labels).toList()),
                common(sent.stream().map(AlertRecord::annotations).toList()), plan.externalUrl(), reason, alerts);
        String id = r.id() + "/" + AlertLabels.fingerprint(g.groupLabels) + "/" + Instant.ofEpochMilli(f);
        return new Notification(id, r.id(), r.subscription().to(), f, g.sequence, payload);
    }

    /** The entries equal in every map (Alertmanager's commonLabels / commonAnnotations), sorted by name. */
    static Map<String, String> common(List<Map<String, String>> maps) {
        Map<String, String> c = new TreeMap<>(maps.get(0));
        for (Map<String, String> m : maps.subList(1, maps.size())) {
            c.entrySet().removeIf(e -> !e.getValue().equals(m.get(e.getKey())));
        }
        return c;
    }

    /** Alertmanager's group key: {@code {}/<matchers>:<group labels>}, labels as {@code {a="x", b="y"}}. */
    static String groupKey(Route r, Map<String, String> groupLabels) {
        StringBuilder b = new StringBuilder("{}/").append(r.matchers()).append(":{");
        boolean first = true;
        for (Map.Entry<String, String> e : new TreeMap<>(groupLabels).entrySet()) {
            b.append(first ? "" : ", ").append(e.getKey()).append('=').append(LabelMatcher.quote(e.getValue()));
            first = false;
        }
        return b.append('}').toString();
    }

    /** For tests and diagnostics: the group ids and their next flush times. */
    Map<String, Long> schedule() {
        Map<String, Long> s = new LinkedHashMap<>();
        groups.forEach((k, g) -> s.put(k, g.nextFlush));
        return s;
    }
}
