package org.mailgate.gateway.dashboard;

import java.util.List;
import org.mailgate.gateway.metrics.GatewayMetrics;
import org.mailgate.gateway.pipeline.Outcome;
import org.mailgate.gateway.pipeline.OutcomeListener;
import org.mailgate.gateway.pipeline.SpooledMessage;
import org.mailgate.gateway.store.DailyCounts;

/**
 * Counts the copies that went protected, per route (S/MIME, verified TLS, portal), per day in
 * the shared store for the dashboard and as a Prometheus counter ({@code gateway_protected_total}).
 */
public final class ProtectedRoutes implements OutcomeListener {

    public static final String SMIME = "protected.smime";
    public static final String TLS = "protected.tls";
    public static final String PORTAL = "protected.portal";
    public static final String OOO_REPLY = "ooo.reply";

    private final DailyCounts counts;
    private final GatewayMetrics metrics;

    public ProtectedRoutes(DailyCounts counts, GatewayMetrics metrics) {
        this.counts = counts;
        this.metrics = metrics;
    }

    @Override
    public void outcomes(SpooledMessage message, List<Outcome> outcomes, boolean subjectSensitive,
            List<org.mailgate.gateway.policy.Advice> advice) {
        count(outcomes, Outcome.Route.ENCRYPTED, SMIME, "smime");
        count(outcomes, Outcome.Route.VERIFIED_TLS, TLS, "tls");
        count(outcomes, Outcome.Route.PORTAL, PORTAL, "portal");
    }

    private void count(List<Outcome> outcomes, Outcome.Route route, String name, String label) {
        long n = outcomes.stream().filter(o -> o.route() == route).count();
        if (n > 0) {
            counts.add(name, n);
            for (long i = 0; i < n; i++) {
                metrics.protectedCopy(label);
            }
        }
    }
}
