package org.mailgate.gateway.dashboard;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mailgate.gateway.portal.Portal;
import org.mailgate.gateway.quarantine.QuarantineItem.Status;
import org.mailgate.gateway.quarantine.QuarantineStore;
import org.mailgate.gateway.store.DailyCounts;

/**
 * The Information Assurance team's figures for the last {@value #DAYS} days, read from the
 * shared store (so every node shows the same): held and decided per day, protected deliveries
 * per route, the most frequent finding types and recipient domains of held mail (all from the
 * daily counts, kept as things happen), what is still waiting and how long decisions take (from
 * the quarantine's indexes), and portal messages opened. How long each panel took is part of
 * the figures.
 */
public final class Dashboard {

    public static final int DAYS = 30;
    private static final int TOP = 8;

    private final QuarantineStore quarantine;
    private final Portal portal;
    private final DailyCounts counts;
    private final Clock clock;

    public Dashboard(QuarantineStore quarantine, Portal portal, DailyCounts counts, Clock clock) {
        this.quarantine = quarantine;
        this.portal = portal;
        this.counts = counts;
        this.clock = clock;
    }

    /** A name (a finding type, a domain) and how many. */
    public record Count(String name, long count) {
    }

    /**
     * @param days       the last {@value #DAYS} local days, oldest first; the per-day lists follow them
     * @param decided    released, rejected, withdrawn and expired per day
     * @param routes     protected copies in the period per route (S/MIME, verified TLS, portal)
     * @param millis     how long each panel's queries took
     */
    public record Figures(ZoneId zone, Instant at, List<LocalDate> days, List<Long> held,
            Map<Status, List<Long>> decided, Map<String, Long> routes, List<Count> findingTypes,
            List<Count> recipientDomains, QuarantineStore.Waiting waiting, Optional<Duration> medianToDecision,
            Portal.Opened portal, List<Long> autoReplies, Map<String, Double> millis) {
    }

    public Figures read() throws SQLException {
        ZoneId zone = clock.getZone();
        Instant now = clock.instant();
        LocalDate today = LocalDate.now(clock);
        LocalDate first = today.minusDays(DAYS - 1);
        Instant from = first.atStartOfDay(zone).toInstant();
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
            days.add(d);
        }
        Map<String, Double> millis = new LinkedHashMap<>();
        List<Status> decisions = List.of(Status.RELEASED, Status.REJECTED, Status.WITHDRAWN, Status.EXPIRED);

        long t = System.nanoTime();
        List<String> names = new ArrayList<>(List.of(QuarantineStore.HELD, ProtectedRoutes.SMIME, ProtectedRoutes.TLS,
                ProtectedRoutes.PORTAL, ProtectedRoutes.OOO_REPLY));
        decisions.forEach(s -> names.add(QuarantineStore.counted(s)));
        Map<String, Map<LocalDate, Long>> daily = counts.since(first, names);
        List<Long> held = perDay(daily.get(QuarantineStore.HELD), days);
        Map<Status, List<Long>> decided = new LinkedHashMap<>();
        decisions.forEach(s -> decided.put(s, perDay(daily.get(QuarantineStore.counted(s)), days)));
        Map<String, Long> routes = new LinkedHashMap<>();
        routes.put("S/MIME", total(daily.get(ProtectedRoutes.SMIME)));
        routes.put("Verified TLS", total(daily.get(ProtectedRoutes.TLS)));
        routes.put("Secure portal", total(daily.get(ProtectedRoutes.PORTAL)));
        List<Long> replies = perDay(daily.get(ProtectedRoutes.OOO_REPLY), days);
        t = lap(millis, "per_day", t);

        List<Count> types = top(first, QuarantineStore.FINDING);
        t = lap(millis, "finding_types", t);
        List<Count> domains = top(first, QuarantineStore.DOMAIN);
        t = lap(millis, "recipient_domains", t);
        QuarantineStore.Waiting waiting = quarantine.waiting();
        t = lap(millis, "waiting", t);
        Optional<Duration> median = quarantine.medianTimeToDecision(from);
        t = lap(millis, "median_to_decision", t);
        Portal.Opened opened = portal.openedSince(from);
        lap(millis, "portal", t);
        return new Figures(zone, now, days, held, decided, routes, types, domains, waiting, median, opened, replies,
                millis);
    }

    private List<Count> top(LocalDate first, String prefix) throws SQLException {
        return counts.top(first, prefix, TOP).stream().map(e -> new Count(e.getKey(), e.getValue())).toList();
    }

    private static List<Long> perDay(Map<LocalDate, Long> byDay, List<LocalDate> days) {
        return days.stream().map(d -> byDay.getOrDefault(d, 0L)).toList();
    }

    private static long total(Map<LocalDate, Long> days) {
        return days.values().stream().mapToLong(Long::longValue).sum();
    }

    private static long lap(Map<String, Double> millis, String panel, long since) {
        long now = System.nanoTime();
        millis.put(panel, Math.round((now - since) / 1e5) / 10.0);
        return now;
    }
}
