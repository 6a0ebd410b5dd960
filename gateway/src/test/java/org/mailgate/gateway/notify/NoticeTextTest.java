package org.mailgate.gateway.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailgate.gateway.pipeline.Outcome;
import org.mailgate.gateway.policy.HoldReason;
import org.mailgate.gateway.quarantine.QuarantineItem;
import org.mailgate.gateway.quarantine.QuarantineItem.Status;

/** The words senders read: the reasons in plain English, and never a detected value. */
class NoticeTextTest {

    private final NoticeText text = new NoticeText(ZoneId.of("Europe/London"), Duration.ofDays(30));

    private static QuarantineItem item(String classification, String reason, Status status, String note, String mode) {
        return new QuarantineItem(7, "0HOLPBD7ZODPU0KE", "worker@council.example", List.of("parent@home.example"),
                "Referral", "HIGH", List.of(), classification, reason, 100, Instant.parse("2025-03-03T10:15:00Z"),
                Instant.parse("2025-03-03T10:15:00Z"), status, null, null, note, mode, List.of(), false);
    }

    private static final String FOUND = "{\"level\":\"HIGH\",\"findings\":["
            + "{\"type\":\"UK_NHS_NUMBER\",\"count\":3,\"samples\":[\"943 \u2022\u2022\u2022 5919\"],\"locations\":[\"body\"]},"
            + "{\"type\":\"PROTECTIVE_MARKING\",\"count\":1,\"samples\":[\"OFFICIAL-SENSITIVE\"]},"
            + "{\"type\":\"SOMETHING_NEW\",\"count\":2,\"samples\":[]}],"
            + "\"unscannable\":[\"attachment:accounts.zip: encrypted\"]}";

    private NoticeText.Text report(String subject, boolean subjectSensitive, String classification,
            Outcome... outcomes) {
        return text.report(new NoticeText.Report(subject, subjectSensitive, Instant.parse("2025-03-03T10:15:00Z"),
                List.of(outcomes), rcpt -> "https://gw/revoke/for-" + rcpt, item(classification, "x", Status.HELD,
                        null, null), "https://gw/withdraw?t=abc", null, List.of(), "https://gw/confirm?t=abc",
                Instant.parse("2025-03-03T12:15:00Z")));
    }

    private static Outcome held(String rcpt, HoldReason.Rule rule, String detail) {
        return new Outcome(rcpt, Outcome.Route.HELD, HoldReason.of(rule, detail));
    }

    @Test
    void oneNoticeSaysPerRecipientWhatHappenedAndNamesEachKindOfFindingButNeverASample() {
        NoticeText.Text t = report("Referral", false, FOUND,
                held("parent@home.example", HoldReason.Rule.REVIEW_WITHOUT_CERTIFICATE, ""),
                new Outcome("gp@surgery.example", Outcome.Route.PORTAL, null),
                new Outcome("ward@nhs.example", Outcome.Route.ENCRYPTED, null),
                new Outcome("team@partner.gov.uk", Outcome.Route.VERIFIED_TLS, null));
        assertThat(t.subject()).isEqualTo("Partly held for review: Referral");
        assertThat(t.body()).contains("  parent@home.example\n    Held for review: there is no encryption certificate",
                "  gp@surgery.example\n    Sent through the secure web portal",
                "https://gw/revoke/for-gp@surgery.example",
                "  ward@nhs.example\n    Sent encrypted (S/MIME)", "  team@partner.gov.uk\n    Sent over an encrypted "
                        + "connection to a trusted partner",
                "NHS numbers (3)", "protective markings, such as OFFICIAL-SENSITIVE (1)", "something new (2)",
                "could not be checked", "attachment:accounts.zip: encrypted", "Wednesday 2 April 2025",
                "https://gw/withdraw?t=abc", "Reference: held item 7")
                .doesNotContain("5919", "943", "\u2022", "There is no way to send it securely");
    }

    /** The body with its lines joined, as a reader takes it in. */
    private NoticeText.Text flatHeld(String classification, HoldReason.Rule rule, String detail) {
        NoticeText.Text t = report("Referral", false, classification, held("a@family.court.example", rule, detail));
        return new NoticeText.Text(t.subject(), t.body().replaceAll("\\s+", " "));
    }

    @Test
    void eachRuleGivesItsOwnReason() {
        assertThat(flatHeld(FOUND, HoldReason.Rule.QUARANTINE_DOMAIN, "*.court.example").body())
                .contains("sensitive mail to *.court.example is always checked").doesNotContain("certificate");
        assertThat(flatHeld(FOUND, HoldReason.Rule.QUARANTINE_FINDING_TYPE, "UK_NINO, IBAN").body())
                .contains("(National Insurance numbers, international bank account numbers (IBAN)).");
        assertThat(flatHeld(FOUND, HoldReason.Rule.UNSCANNABLE, "").body()).contains("part of it could not be checked");
        assertThat(flatHeld(FOUND, HoldReason.Rule.ENCRYPTION_FAILED, "x").body())
                .contains("encrypting it for this recipient did not work");
        assertThat(flatHeld("{\"note\":\"not classified\"}", HoldReason.Rule.NOT_CLASSIFIED, "timed out").body())
                .contains("could not finish checking the message");
        NoticeText.Text portalOnly = report("Referral", false, FOUND,
                new Outcome("gp@surgery.example", Outcome.Route.PORTAL, null));
        assertThat(portalOnly.subject()).isEqualTo("Sent securely: Referral");
        assertThat(portalOnly.body()).doesNotContain("Held for review", "withdraw?t=");
    }

    @Test
    void neverRepeatsASubjectThatHoldsPersonalData() {
        NoticeText.Text t = report("Re: QQ 12 34 56 C", true, FOUND,
                new Outcome("gp@surgery.example", Outcome.Route.PORTAL, null),
                held("parent@home.example", HoldReason.Rule.REVIEW_WITHOUT_CERTIFICATE, ""));
        assertThat(t.subject()).isEqualTo("Partly held for review: your message to gp@surgery.example and 1 more");
        assertThat(t.subject() + t.body()).doesNotContain("QQ", "12 34 56").contains("sent on Monday 3 March 2025");
        String inSubject = "{\"findings\":[{\"type\":\"UK_NINO\",\"count\":1,\"locations\":[\"subject\"]}]}";
        NoticeText.Text rejected = text.decided(item(inSubject, "x", Status.REJECTED, "No.", null), false);
        assertThat(rejected.subject() + rejected.body()).doesNotContain("Referral");
    }

    @Test
    void tellsHowTheMessageWentAndWhy() {
        assertThat(text.decided(item("{}", "x", Status.RELEASED, "", "PROTECTED"), false).body())
                .contains("It is being sent protected. A separate notice says how", "Replies to this notice are not read")
                .doesNotContain("reviewer's note");
        NoticeText.Text rejected = text.decided(item("{}", "x", Status.REJECTED, "Use the portal.", null), true);
        assertThat(rejected.subject()).isEqualTo("Not sent: Referral");
        assertThat(rejected.body()).contains("will not be sent", "Their reason:", "  Use the portal.",
                "Reply to this email to reach the Information Assurance team");
        assertThat(text.decided(item("{}", "x", Status.EXPIRED, "", null), true).body())
                .contains("within 30 days", "deleted without being");
    }
}
