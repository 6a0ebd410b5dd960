/**
 * The Information Assurance team's figures: {@link org.mailgate.gateway.dashboard.Dashboard}
 * reads them from the shared store (quarantine, portal, daily counts), and
 * {@link org.mailgate.gateway.dashboard.ProtectedRoutes} counts protected copies per route as
 * the pipeline reports them.
 *
 * <p>Owns no table of its own (the counts live in {@code store}'s {@code daily_count}). Depends
 * on {@code quarantine} and {@code portal} (their read-only figures), {@code store},
 * {@code pipeline} (outcomes) and {@code metrics}. Must not depend on {@code web}, which draws
 * the figures.
 */
package org.mailgate.gateway.dashboard;
