package org.mailgate.gateway.ooo;

import org.mailgate.gateway.dates.UkDates;
import org.mailgate.gateway.mail.MessageHeaders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.config.ConfigException;

/** The small pure parts: dates for people, contact details, the reply template, the rules. */
class OutOfOfficeUnitsTest {

    @TempDir
    Path dir;

    @Test
    void writesDatesTheBritishWayAndSkipsWeekendsForTheReturn() {
        assertThat(UkDates.longDate(LocalDate.of(2026, 12, 8))).isEqualTo("Tuesday 8 December 2026");
        assertThat(UkDates.longDate(LocalDate.of(2026, 12, 7))).isEqualTo("Monday 7 December 2026");
        assertThat(UkDates.nextWorkingDay(LocalDate.of(2026, 12, 4))).isEqualTo(LocalDate.of(2026, 12, 7));
        assertThat(UkDates.nextWorkingDay(LocalDate.of(2026, 12, 8))).isEqualTo(LocalDate.of(2026, 12, 9));
    }

    @Test
    void findsWholePhoneNumbersAndAddressesInAContact() {
        assertThat(ContactDetails.phones("Sam Jones, 01632 960123 or +44 20 7946 0018"))
                .extracting(ContactDetails.Phone::e164).containsExactly("+441632960123", "+442079460018");
        assertThat(ContactDetails.phones("Sam on extension 4567")).isEmpty();
        assertThat(ContactDetails.firstEmail("Sam Jones <sam.jones@council.example>"))
                .contains("sam.jones@council.example");
        assertThat(ContactDetails.normalise("01632 960000 (Customer Service Centre)")).isEqualTo("+441632960000");
        assertThat(ContactDetails.label("01632 960000 (Customer Service Centre)")).contains("Customer Service Centre");
        assertThat(ContactDetails.label("(01632) 960000")).isEmpty();
    }

    @Test
    void aTemplateCanHaveAnHtmlVersionWithTheValuesEscaped() throws Exception {
        Path t = dir.resolve("reply.txt");
        Files.writeString(t, "Back {returning}.\n\n{message}\n\nAsk {alternative_contact}.\n"
                + "<html><body><p>Back {returning}. Ask {alternative_contact}.</p></body></html>\n");
        ReplyTemplate template = ReplyTemplate.load(t);
        Map<String, String> values = Map.of("returning", "Monday 7 December 2026", "alternative_contact",
                "Sam <sam@council.example>", "message", "");
        assertThat(template.text(values)).isEqualTo("Back Monday 7 December 2026.\n\nAsk Sam <sam@council.example>.\n");
        assertThat(template.html(values)).contains("<html><body><p>Back Monday 7 December 2026. Ask Sam "
                + "&lt;sam@council.example&gt;.</p></body></html>\n");
    }

    @Test
    void anUnknownPlaceholderIsReportedWithItsLine() throws Exception {
        Path t = dir.resolve("reply.txt");
        Files.writeString(t, "Hello,\nBack on {retuning}.\n");
        assertThatThrownBy(() -> ReplyTemplate.load(t)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(t + ":2: leave.reply_template: unknown placeholder {retuning}");
    }

    @Test
    void theRulesSayWhyNot() {
        MessageHeaders toJane = new MessageHeaders(true, "Hi", "text/plain", Set.of("jane@council.example"),
                "<a@b>", "", "", "", "", false, "");
        Set<String> jane = Set.of("jane@council.example");
        assertThat(AutoReplyRules.whyNot("alice@partner.example", toJane, jane)).isEmpty();
        assertThat(AutoReplyRules.whyNot("jane@council.example", toJane, jane)).contains(
                "the staff member sent it themselves");
        assertThat(AutoReplyRules.whyNot("noreply@partner.example", toJane, jane)).isPresent();
        MessageHeaders autoNo = new MessageHeaders(true, "Hi", "text/plain", toJane.toAndCc(), "<a@b>", "", "", "No", "", false, "");
        assertThat(AutoReplyRules.whyNot("alice@partner.example", autoNo, jane)).as("Auto-Submitted: no").isEmpty();
        MessageHeaders replied = new MessageHeaders(true, "Hi", "text/plain", toJane.toAndCc(), "<a@b>", "", "",
                "auto-replied; owner=x", "", false, "");
        assertThat(AutoReplyRules.whyNot("alice@partner.example", replied, jane)).contains(
                "Auto-Submitted: auto-replied");
    }

    @Test
    void theStaffNameComesFromTheAddress() {
        assertThat(ContactDetails.nameOf("jane.smith@council.example")).isEqualTo("Jane Smith");
        assertThat(ContactDetails.nameOf("mary-ann_o.neil@council.example")).isEqualTo("Mary Ann O Neil");
    }
}
