package io.entroflow.app.demo;

import io.entroflow.schemas.wire.AlertRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Matches planted changes to FIRING alerts: a change is detected by the first FIRING of its rule for
 * its key that starts at or after the change; its delay is startsAt &minus; planted time (event time).
 * Every other FIRING is a false alarm.
 *
 * @param rows        one per planted change
 * @param falseAlarms FIRING alerts that match no planted change
 * @param events      events produced
 */
public record DemoScore(List<Row> rows, int falseAlarms, long events) {
    /** One planted change and its detection. */
    public record Row(String kind, String key, long at, boolean detected, Long delayMs, String rule) {
    }

    /** Scores {@code alerts} (in any order) against {@code planted}. */
    public static DemoScore score(List<DemoStream.Planted> planted, List<AlertRecord> alerts, long events) {
        List<AlertRecord> firing = alerts.stream().filter(a -> AlertRecord.FIRING.equals(a.status())).toList();
        Set<AlertRecord> used = new HashSet<>();
        List<Row> rows = new ArrayList<>();
        for (DemoStream.Planted p : planted) {
            AlertRecord best = null;
            for (AlertRecord a : firing) {
                if (p.rule().equals(a.labels().get("rule")) && p.key().equals(a.labels().get("key"))
                        && startsAt(a) >= p.at() && (best == null || startsAt(a) < startsAt(best))) {
                    best = a;
                }
            }
            if (best != null) {
                used.add(best);
            }
            rows.add(new Row(p.kind(), p.key(), p.at(), best != null, best == null ? null : startsAt(best) - p.at(),
                    p.rule()));
        }
        return new DemoScore(rows, firing.size() - used.size(), events);
    }

    private static long startsAt(AlertRecord a) {
        return Instant.parse(a.startsAt()).toEpochMilli();
    }

    /** True when every change was detected and nothing else fired. */
    public boolean perfect() {
        return falseAlarms == 0 && rows.stream().allMatch(Row::detected);
    }

    /** The table, for the terminal. */
    public String table() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-17s %-6s %-24s %-9s %s%n", "planted", "key", "at", "detected", "delay"));
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "%-17s %-6s %-24s %-9s %s%n", r.kind(), r.key(),
                    Instant.ofEpochMilli(r.at()), r.detected() ? "yes" : "NO",
                    r.delayMs() == null ? "-" : String.format(Locale.ROOT, "%.1f s", r.delayMs() / 1000.0)));
        }
        b.append(String.format(Locale.ROOT, "false alarms: %d, events: %d%n", falseAlarms, events));
        return b.toString();
    }

    /** The summary as JSON-ready maps: {@code {"planted": [...], "false_alarms": N, "events": N}}. */
    public Map<String, Object> toJson() {
        List<Map<String, Object>> planted = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", r.kind());
            m.put("key", r.key());
            m.put("at", Instant.ofEpochMilli(r.at()).toString());
            m.put("detected", r.detected());
            m.put("delay_ms", r.delayMs());
            m.put("rule", r.rule());
            planted.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("planted", planted);
        out.put("false_alarms", falseAlarms);
        out.put("events", events);
        return out;
    }
}
