/**
 * Dates and times as people in the UK write and read them: one long form for every page and
 * notice ("Monday 8 December 2026"), and the working-day rule for return dates.
 *
 * <p>Owns no state. Must not depend on any other gateway package.
 */
package org.mailgate.gateway.dates;
