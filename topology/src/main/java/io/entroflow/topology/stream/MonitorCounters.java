package io.entroflow.topology.stream;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Live counters of one running monitor, for status lines and metrics: events in, processed,
 * dead-lettered per reason, alert transitions, on-demand aggregate requests (counted apart from
 * events, so events in = processed + dead-lettered, whatever node fails), categories mapped to a
 * signal's overflow symbol. Thread-safe. Counts are of processing attempts: a
 * transaction aborted by a crash may count some events twice (the topics themselves are exact).
 */
public final class MonitorCounters {
    private final AtomicLong in = new AtomicLong();
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong firing = new AtomicLong();
    /** Per task of this instance: its alerts firing now (its alerts store's count at start, then its transitions). */
    private final TaskGauge firingByTask = new TaskGauge();
    private final Map<String, AtomicLong> deadLettered = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong rejectedRequests = new AtomicLong();
    private final AtomicLong stageOutputs = new AtomicLong();
    private final AtomicLong overflowed = new AtomicLong();
    private final AtomicLong otherErrors = new AtomicLong();
    /** Operator name &rarr; task id &rarr; keys with state in that task's store, set by the task's processor. */
    private final Map<String, TaskGauge> liveKeys = new ConcurrentHashMap<>();
    private final CatchUpProgress catchUp = new CatchUpProgress();
    /** Per stream thread: {inside an event's processing (0/1), processing errors during it, its start in System.nanoTime()}. */
    private final ThreadLocal<long[]> event = ThreadLocal.withInitial(() -> new long[3]);
    private final StreamTimings timings;

    /** Counters without timings ({@link StreamTimings#NONE}). */
    public MonitorCounters() {
        this(StreamTimings.NONE);
    }

    /** @param timings where the stream threads report operator update times and event-to-alert latencies */
    public MonitorCounters(StreamTimings timings) {
        this.timings = Objects.requireNonNull(timings, "timings");
    }

    /** Where the stream threads report their timings. */
    public StreamTimings timings() {
        return timings;
    }

    /**
     * The calling thread's event slot, for {@link #beginEvent} and {@link #endEvent}: a processor may
     * keep it while it runs on this thread (a thread-local lookup per event costs more than the event's
     * bookkeeping).
     */
    long[] eventSlot() {
        return event.get();
    }

    /** The signals processor starts handing an event on (operators, rules run inside); {@code e}: this thread's {@link #eventSlot}. */
    void beginEvent(long[] e) {
        e[0] = 1;
        e[1] = 0;
        if (timings.timed()) {
            e[2] = System.nanoTime();
        }
    }

    /**
     * Nanoseconds since this thread began its current (or, in a punctuation after it, its last)
     * event at the signals stage; 0 when timings are off or the thread has begun none.
     */
    long sinceEventStart() {
        long start = event.get()[2];
        return start == 0 ? 0 : System.nanoTime() - start;
    }

    /** The event's processing ended; true when some node failed on it (it was then dead-lettered and counted). */
    boolean endEvent(long[] e) {
        e[0] = 0;
        return e[1] != 0;
    }

    /**
     * A record was dead-lettered with reason {@code processing_error}: an input event is counted once
     * (several operators failing on the same event are one dead-lettered event); anything else, such as
     * an aggregate emitted by a punctuator, is counted in {@link #otherProcessingErrors}.
     */
    void countProcessingError(boolean inputEvent) {
        long[] e = event.get();
        if (e[0] == 1) {
            if (e[1]++ == 0) {
                countDeadLetter(BadEvent.PROCESSING_ERROR);
            }
        } else if (inputEvent) {
            countDeadLetter(BadEvent.PROCESSING_ERROR);
        } else {
            otherErrors.incrementAndGet();
        }
    }

    /** {@code n} categorical values of one event mapped to their signal's overflow symbol. */
    void countOverflows(int n) {
        overflowed.addAndGet(n);
    }

    /** Categorical values mapped to their signal's overflow symbol (past {@code max-categories}). */
    public long categoriesOverflowed() {
        return overflowed.get();
    }

    /** Processing errors on records that are not input events (aggregates from punctuators); their records are dead-lettered too. */
    public long otherProcessingErrors() {
        return otherErrors.get();
    }

    void countIn() {
        in.incrementAndGet();
    }

    void countProcessed() {
        processed.incrementAndGet();
    }

    void countDeadLetter(String reason) {
        deadLettered.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
    }

    /** A FIRING transition was emitted: one more FIRING so far ({@link #alertsFired}). */
    void countFired() {
        firing.incrementAndGet();
    }

    /** The task's count of alerts firing now, published by its rules processor (0 until it has counted). */
    AtomicLong alertsFiringOf(String task) {
        return firingByTask.of(task);
    }

    /** The task's rules processor closed (the task left this instance, or the monitor stops). */
    void forgetAlertsFiring(String task) {
        firingByTask.forget(task);
    }

    void countRequest() {
        requests.incrementAndGet();
    }

    void countRejectedRequest() {
        rejectedRequests.incrementAndGet();
    }

    void countStageOutput() {
        stageOutputs.incrementAndGet();
    }

    /**
     * Records that reached the end of a prefix topology ({@link MonitorTopology#build(io.entroflow.topology.plan.MonitorPlan,
     * MonitorCounters, MonitorTopology.Stage)} up to {@link MonitorTopology.Stage#PARSE} or
     * {@link MonitorTopology.Stage#SIGNALS}); always 0 for the full monitor.
     */
    public long stageOutputs() {
        return stageOutputs.get();
    }

    /** On-demand aggregate requests passed to the operators. */
    public long requestsAnswered() {
        return requests.get();
    }

    /** On-demand aggregate requests dead-lettered as unreadable. */
    public long requestsRejected() {
        return rejectedRequests.get();
    }

    public long eventsIn() {
        return in.get();
    }

    public long eventsProcessed() {
        return processed.get();
    }

    /** Dead-lettered events, all reasons. */
    public long eventsDeadLettered() {
        return deadLettered.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Dead-lettered events per reason, sorted by reason. */
    public Map<String, Long> deadLettersByReason() {
        Map<String, Long> m = new TreeMap<>();
        deadLettered.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    /** The operator's live keys appear in {@link #liveKeysByOperator}, at 0 until one of its tasks publishes. */
    void declareOperator(String operator) {
        liveKeys.computeIfAbsent(operator, o -> new TaskGauge());
    }

    /** Where the operators' processors publish how far their aggregates are complete, for the rules' timers. */
    CatchUpProgress catchUp() {
        return catchUp;
    }

    /** The slot where the operator's processor of {@code task} publishes its live keys (created at 0). */
    AtomicLong liveKeysOf(String operator, String task) {
        return liveKeys.computeIfAbsent(operator, o -> new TaskGauge()).of(task);
    }

    /** The task's processor of the operator closed (the task left this instance, or the monitor stops). */
    void forgetLiveKeys(String operator, String task) {
        TaskGauge tasks = liveKeys.get(operator);
        if (tasks != null) {
            tasks.forget(task);
        }
    }

    /**
     * Keys with state in each operator's stores on this instance (over the tasks it runs now), by
     * operator name, sorted; every operator of the topology built with these counters, at 0 before its
     * tasks start. A key is live from
     * its first event until it expires ({@code aggregates.expire-after}).
     */
    public Map<String, Long> liveKeysByOperator() {
        Map<String, Long> m = new TreeMap<>();
        liveKeys.keySet().forEach(op -> m.put(op, liveKeys(op)));
        return m;
    }

    /** {@link #liveKeysByOperator} of one operator (0 when unknown). */
    public long liveKeys(String operator) {
        TaskGauge tasks = liveKeys.get(operator);
        return tasks == null ? 0 : tasks.sum();
    }

    /**
     * Alerts firing now in the tasks this instance runs: per task, the firing alerts in its alerts store
     * when it started, plus its FIRING and minus its RESOLVED transitions since (each firing episode emits
     * exactly one of each). So it is exact after a restart, a crash or a task's move to another instance,
     * where a count of this process's transitions alone went wrong (negative after a restart that
     * resolved alerts fired before it). O(tasks).
     */
    public long alertsFiring() {
        return firingByTask.sum();
    }

    /** FIRING transitions emitted by this process so far (a counter: it starts at 0 with the process). */
    public long alertsFired() {
        return firing.get();
    }
}
