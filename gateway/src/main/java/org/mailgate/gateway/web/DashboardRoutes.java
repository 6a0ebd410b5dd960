package org.mailgate.gateway.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.sql.SQLException;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mailgate.classifier.FindingType;
import org.mailgate.gateway.auth.Role;
import org.mailgate.gateway.dashboard.Dashboard;
import org.mailgate.gateway.quarantine.QuarantineItem.Status;
import org.mailgate.gateway.dashboard.Dashboard.Count;
import org.mailgate.gateway.web.Sessions.Session;

/**
 * {@code /dashboard} for reviewers, auditors and admins: the figures of the last 30 days drawn
 * as inline SVG charts (no script), each with its figures as a table; and the same figures as
 * JSON at {@code /api/v1/dashboard}.
 */
final class DashboardRoutes {

    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("d MMM", Locale.UK);

    private final Dashboard dashboard;
    private final Guard guard;
    private final Pages pages;
    private final ObjectMapper json;

    DashboardRoutes(Dashboard dashboard, Guard guard, Pages pages, ObjectMapper json) {
        this.dashboard = dashboard;
        this.guard = guard;
        this.pages = pages;
        this.json = json;
    }

    void register(RoutesConfig r) {
        r.get("/dashboard", this::page);
        r.get("/api/v1/dashboard", this::api);
    }

    private void page(Context ctx) throws SQLException {
        Session s = guard.page(ctx, Role::canReview, "see the dashboard");
        Dashboard.Figures f = dashboard.read();
        List<String> labels = f.days().stream().map(SHORT::format).toList();
        List<Charts.Series> activity = new ArrayList<>();
        activity.add(new Charts.Series("Held", "s-held", f.held()));
        activity.add(new Charts.Series("Released", "s-released", f.decided().get(Status.RELEASED)));
        activity.add(new Charts.Series("Rejected", "s-rejected", f.decided().get(Status.REJECTED)));
        activity.add(new Charts.Series("Withdrawn", "s-withdrawn", f.decided().get(Status.WITHDRAWN)));
        List<Views.Figure> figures = List.of(
                new Views.Figure("Waiting for a decision", String.valueOf(f.waiting().count()), "waiting"),
                new Views.Figure("Oldest still waiting", f.waiting().oldest().map(t -> Format.time(t, f.zone()))
                        .orElse("none"), "oldest"),
                new Views.Figure("Median time to a decision", f.medianToDecision().map(DashboardRoutes::duration)
                        .orElse("no decisions yet"), "median"),
                new Views.Figure("Portal messages opened", f.portal().opened() + " of "
                        + (f.portal().opened() + f.portal().unopened()), "portal-opened"));
        List<Views.Chart> charts = List.of(
                chart("activity", "Held and decided per day", Charts.columns("chart-activity",
                        "Held, released, rejected and withdrawn per day", labels, activity, 5),
                        rows(labels, activity)),
                chart("routes", "Protected deliveries per route", Charts.bars("chart-routes",
                        "Protected deliveries per route", bars(f.routes()), "s-route"), table(f.routes())),
                chart("findings", "Top finding types in held mail", Charts.bars("chart-findings",
                        "Top finding types in held mail", named(f.findingTypes(), true), "s-finding"),
                        counts(f.findingTypes(), true)),
                chart("domains", "Top recipient domains of held mail", Charts.bars("chart-domains",
                        "Top recipient domains of held mail", named(f.recipientDomains(), false), "s-domain"),
                        counts(f.recipientDomains(), false)),
                chart("portal", "Portal messages opened and unopened", Charts.bars("chart-portal",
                        "Portal messages opened and unopened", List.of(new Charts.Bar("Opened", f.portal().opened()),
                                new Charts.Bar("Not opened yet", f.portal().unopened())), "s-portal"),
                        List.of(List.of("Opened", String.valueOf(f.portal().opened())),
                                List.of("Not opened yet", String.valueOf(f.portal().unopened())))),
                chart("ooo", "Out-of-office replies sent per day", Charts.columns("chart-ooo",
                        "Out-of-office replies sent per day", labels, List.of(new Charts.Series("Replies", "s-ooo",
                                f.autoReplies())), 5), rows(labels, List.of(new Charts.Series("Replies", "s-ooo",
                                        f.autoReplies())))));
        String period = "The last " + Dashboard.DAYS + " days, " + SHORT.format(f.days().get(0)) + " to "
                + SHORT.format(f.days().get(f.days().size() - 1)) + " " + f.days().get(0).getYear()
                + "; times in " + f.zone().getId() + ", figures as of " + Format.time(f.at(), f.zone()) + ".";
        pages.render(ctx, "dashboard.jte", new Views.DashboardPage(pages.chrome(ctx, "Dashboard", s), period,
                figures, charts));
    }

    private void api(Context ctx) throws Exception {
        guard.api(ctx, Role::canReview, "read the dashboard");
        Dashboard.Figures f = dashboard.read();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("zone", f.zone().getId());
        out.put("at", f.at().toString());
        List<Map<String, Object>> days = new ArrayList<>();
        for (int i = 0; i < f.days().size(); i++) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("day", f.days().get(i).toString());
            d.put("held", f.held().get(i));
            for (Map.Entry<Status, List<Long>> e : f.decided().entrySet()) {
                d.put(Format.lower(e.getKey()), e.getValue().get(i));
            }
            d.put("autoReplies", f.autoReplies().get(i));
            days.add(d);
        }
        out.put("days", days);
        Map<String, Long> routes = new LinkedHashMap<>();
        routes.put("smime", f.routes().get("S/MIME"));
        routes.put("tls", f.routes().get("Verified TLS"));
        routes.put("portal", f.routes().get("Secure portal"));
        out.put("protectedRoutes", routes);
        out.put("findingTypes", f.findingTypes().stream().map(c -> Map.of("type", c.name(), "count", c.count()))
                .toList());
        out.put("recipientDomains", f.recipientDomains().stream().map(c -> Map.of("domain", c.name(), "count",
                c.count())).toList());
        out.put("waiting", f.waiting().count());
        out.put("oldestWaiting", f.waiting().oldest().map(Object::toString).orElse(null));
        out.put("medianSecondsToDecision", f.medianToDecision().map(Duration::toSeconds).orElse(null));
        out.put("portalOpened", f.portal().opened());
        out.put("portalUnopened", f.portal().unopened());
        out.put("millis", f.millis());
        ctx.contentType("application/json").result(json.writeValueAsString(out));
    }

    /** A chart with its figures as a table: per-day tables have a header row first, the others are name and count. */
    private static Views.Chart chart(String id, String heading, String svg, List<List<String>> rows) {
        boolean perDay = !rows.isEmpty() && rows.get(0).get(0).equals("Day");
        return new Views.Chart(id, heading, svg, perDay ? rows.get(0) : List.of("", "Count"),
                perDay ? rows.subList(1, rows.size()) : rows);
    }

    /** A header row ("Day" and the series' names), then one row per day. */
    private static List<List<String>> rows(List<String> labels, List<Charts.Series> series) {
        List<List<String>> out = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("Day"));
        series.forEach(s -> head.add(s.name()));
        out.add(head);
        for (int i = 0; i < labels.size(); i++) {
            List<String> row = new ArrayList<>(List.of(labels.get(i)));
            for (Charts.Series s : series) {
                row.add(String.valueOf(s.values().get(i)));
            }
            out.add(row);
        }
        return out;
    }

    private static List<Charts.Bar> bars(Map<String, Long> figures) {
        return figures.entrySet().stream().map(e -> new Charts.Bar(e.getKey(), e.getValue())).toList();
    }

    private static List<List<String>> table(Map<String, Long> figures) {
        return figures.entrySet().stream().map(e -> List.of(e.getKey(), String.valueOf(e.getValue()))).toList();
    }

    private static List<Charts.Bar> named(List<Count> counts, boolean findingTypes) {
        return counts.stream().map(c -> new Charts.Bar(findingTypes ? FindingType.describe(c.name()) : c.name(),
                c.count())).toList();
    }

    private static List<List<String>> counts(List<Count> counts, boolean findingTypes) {
        return named(counts, findingTypes).stream().map(b -> List.of(b.label(), String.valueOf(b.value()))).toList();
    }

    /** "3 h 20 min", "2 d 4 h", "12 min". */
    static String duration(Duration d) {
        long minutes = d.toMinutes();
        if (minutes < 60) {
            return Math.max(0, minutes) + " min";
        }
        if (minutes < 24 * 60) {
            return minutes / 60 + " h " + minutes % 60 + " min";
        }
        return minutes / (24 * 60) + " d " + (minutes / 60) % 24 + " h";
    }
}
