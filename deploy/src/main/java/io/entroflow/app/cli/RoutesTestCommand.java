package io.entroflow.app.cli;

import io.entroflow.app.alerts.RouteCheck;
import io.entroflow.app.alerts.RuleLabels;
import io.entroflow.app.alerts.TextTable;
import io.entroflow.schemas.wire.AlertRecord;
import io.entroflow.schemas.wire.Silence;
import io.entroflow.topology.route.AlertLabels;
import io.entroflow.topology.route.Inhibition;
import io.entroflow.topology.route.Mute;
import io.entroflow.topology.route.Route;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;

/**
 * {@code entroflow routes test --config SPEC --labels 'rule=...,key=...' [--at TIME]}: which
 * subscriptions would receive an alert with these labels (completed with the labels the monitor sets
 * for the named rule of the spec, {@link RuleLabels}), and which silence (in force at
 * {@code --at}, default now) or inhibition (by the alerts firing now, from the alert-state topic)
 * would stop it; decided by the router's own matching ({@link RouteCheck}).
 */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Show which subscriptions would receive an alert with these labels.",
                "Also shows which silence or inhibition would stop it (with the current subscriptions, silences and "
                        + "firing alerts)."})
public final class RoutesTestCommand implements Callable<Integer> {
    @Mixin
    AlertCommandOptions alerts;

    @Option(names = "--labels", required = true, paramLabel = "LABELS",
            description = "The alert's labels, e.g. 'alertname=entropy-low,rule=entropy-low,key=svc-a' or '{key=\"svc a\"}'; "
                    + "a rule of the spec named by rule or alertname adds its monitor, operator and severity labels.")
    String labelsText;

    @Option(names = "--at", paramLabel = "TIME", description = "ISO-8601 time at which silences are checked. Default: now.")
    String at;

    private final PrintStream out;
    private final PrintStream err;

    public RoutesTestCommand() {
        this(System.out, System.err);
    }

    public RoutesTestCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        Map<String, String> labels;
        try {
            labels = AlertLabels.parse(labelsText);
        } catch (IllegalArgumentException e) {
            String m = OneLineErrors.oneLine(e.getMessage());
            throw CommandFailure.usage("--labels: " + (m.startsWith("labels: ") ? m.substring(8) : m + " in '" + labelsText + "'"), e);
        }
        long time;
        try {
            time = at == null ? System.currentTimeMillis() : Instant.parse(at).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw CommandFailure.usage("--at: expected an ISO-8601 instant like 2026-12-03T22:00:00Z, got '" + at + "'", e);
        } catch (ArithmeticException e) {
            throw CommandFailure.usage("--at: " + at + " is outside the times an alert can have ("
                    + Instant.ofEpochMilli(Long.MIN_VALUE) + " .. " + Instant.ofEpochMilli(Long.MAX_VALUE) + ")", e);
        }
        RuleLabels completed = RuleLabels.complete(labels, alerts.plan().monitor(), alerts.plan().rules());
        labels = completed.labels();
        List<Inhibition> rules = RoutingTopics.routing("--config", alerts.plan()).inhibitions();
        RoutingTopics topics = alerts.topics();
        BiConsumer<String, String> warn = (k, why) -> err.println("entroflow routes test: " + k + ": " + why);
        List<Route> routes = new ArrayList<>(alerts.routes(warn).values());
        List<Mute> mutes = new ArrayList<>(alerts.mutes(warn).values());
        List<Map<String, String>> firing = new ArrayList<>();
        if (!rules.isEmpty()) {
            alerts.current(topics.alertState(), AlertRecord.class, warn).values().stream()
                    .filter(a -> AlertRecord.FIRING.equals(a.status()) && a.labels() != null)
                    .forEach(a -> firing.add(a.labels()));
        }
        RouteCheck check = RouteCheck.of(labels, routes, mutes, rules, firing, time);
        print(check, completed, Instant.ofEpochMilli(time));
        return 0;
    }

    private void print(RouteCheck c, RuleLabels completed, Instant time) {
        out.println("alert " + labels(c.labels()) + " (fingerprint " + c.fingerprint() + ") at " + time);
        if (!completed.added().isEmpty()) {
            out.println("labels " + String.join(", ", completed.added()) + " as the monitor sets them for rule '"
                    + completed.rule() + "' (give them to test other values)");
        }
        TextTable t = new TextTable("SUBSCRIPTION", "RECEIVES", "MATCH", "TO", "GROUP");
        c.receiving().forEach(r -> t.row(r.id(), "yes", r.matchers().toString(), String.valueOf(r.subscription().to()),
                labels(r.groupLabels(c.labels()))));
        c.others().forEach(r -> t.row(r.id(), "no", r.matchers().toString(), String.valueOf(r.subscription().to()), ""));
        if (t.size() == 0) {
            out.println("no subscriptions in " + alerts.topics().subscriptions());
        } else {
            t.print(out);
        }
        for (Mute m : c.silencedBy()) {
            Silence s = m.silence();
            out.println("silenced by " + s.id() + ": " + m.matchers() + " from " + s.startsAt() + " to " + s.endsAt()
                    + " by " + s.createdBy() + " (" + s.comment() + ")");
        }
        for (RouteCheck.Inhibited i : c.inhibitedBy()) {
            out.println("inhibited by routing.inhibit[" + i.index() + "] (source " + i.rule().source() + ", target "
                    + i.rule().target() + ", equal " + i.rule().equal() + "): firing " + labels(i.source()));
        }
        if (c.notified()) {
            out.println("result: notified to " + String.join(", ", c.receiving().stream().map(Route::id).toList()));
        } else if (c.receiving().isEmpty()) {
            out.println("result: not notified: no subscription selects it");
        } else {
            out.println("result: not notified: " + (c.silencedBy().isEmpty() ? "" : "silenced")
                    + (!c.silencedBy().isEmpty() && !c.inhibitedBy().isEmpty() ? " and " : "")
                    + (c.inhibitedBy().isEmpty() ? "" : "inhibited"));
        }
    }

    private static String labels(Map<String, String> l) {
        StringBuilder b = new StringBuilder("{");
        new TreeMap<>(l).forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append(k).append("=\"").append(v).append('"'));
        return b.append('}').toString();
    }
}
