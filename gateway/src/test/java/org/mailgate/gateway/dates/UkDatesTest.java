package org.mailgate.gateway.dates;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Dates as people in the UK write them are read one way, and shown one way. */
class UkDatesTest {

    @Test
    void readsDaysTheWayTheyAreWrittenHereDayBeforeMonth() {
        LocalDate day = LocalDate.of(2026, 12, 6);
        for (String written : new String[] {"06/12/2026", "6/12/2026", "2026-12-06", "6 December 2026",
                "6th December 2026", "6 dec 2026", "Sunday 6 December 2026", " 06.12.2026 "}) {
            assertThat(UkDates.parseDay(written)).as(written).contains(day);
        }
        for (String wrong : new String[] {"12/31/2026", "31/02/2026", "yesterday", "", "2026-13-01", "6 Smarch 2026"}) {
            assertThat(UkDates.parseDay(wrong)).as(wrong).isEmpty();
        }
    }

    @Test
    void readsADayAndATime() {
        LocalDateTime at = LocalDateTime.of(2026, 12, 6, 14, 30);
        for (String written : new String[] {"06/12/2026 14:30", "2026-12-06T14:30", "2026-12-06 14:30:00",
                "6 December 2026 at 2:30pm", "6/12/2026, 2.30 PM", "06/12/2026 14.30"}) {
            assertThat(UkDates.parseDateTime(written)).as(written).contains(at);
        }
        for (String wrong : new String[] {"06/12/2026", "14:30", "06/12/2026 25:00", "tomorrow 3pm"}) {
            assertThat(UkDates.parseDateTime(wrong)).as(wrong).isEmpty();
        }
    }

    @Test
    void showsAMomentWithItsZone() {
        assertThat(UkDates.stamp(Instant.parse("2026-12-06T14:30:00Z"), ZoneId.of("Europe/London")))
                .isEqualTo("Sun 6 Dec 2026, 14:30 GMT");
        assertThat(UkDates.stamp(Instant.parse("2026-07-06T14:30:00Z"), ZoneId.of("Europe/London")))
                .isEqualTo("Mon 6 Jul 2026, 15:30 BST");
    }
}
