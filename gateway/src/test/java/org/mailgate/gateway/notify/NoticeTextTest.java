package org.mailgate.gateway.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailgate.gateway.quarantine.QuarantineItem;
import org.mailgate.gateway.quarantine.QuarantineItem.Status;

/** The words senders read: the reasons in plain English, and never a detected value. */
class NoticeTextTest {

    private final NoticeText text = new NoticeText(ZoneId.of("Europe/London"), Duration.ofDays(30));

    private static QuarantineItem item(String classification, String reason, Status status, String note, String mode) {
        return new QuarantineItem(7, "0HOLPBD7ZODPU0KE", "worker@council.example", List.of("parent@home.example"),
                "Referral", "HIGH", List.of(), classification, reason, 100, Instant.parse("2025-03-03T10:15:00Z"),
                Instant.parse("2025-03-03T10:15:00Z"), status, null, null, note, mode);
    }

    @Test
    void namesEachKindOfFindingWithItsCountButNeverASample() {
        String json = "{\"level\":\"HIGH\",\"findings\":["
                + "{\"type\":\"UK_NHS_NUMBER\",\"count\":3,\"samples\":[\"943 \u2022\u2022\u2022 5919\"],\"locations\":[\"body\"]},"
                + "{\"type\":\"PROTECTIVE_MARKING\",\"count\":1,\"samples\":[\"OFFICIAL-SENSITIVE\"]},"
                + "{\"type\":\"SOMETHING_NEW\",\"count\":2,\"samples\":[]}],"
                + "\"unscannable\":[\"attachment:accounts.zip: encrypted\"]}";
        NoticeText.Text t = text.held(item(json, "sensitive: level HIGH; no certificate for the recipient, held for "
                + "secure delivery", Status.HELD, null, null), "https://gw/withdraw?t=abc");
        assertThat(t.subject()).isEqualTo("Held for review: Referral");
        assertThat(t.body()).contains("NHS numbers (3)", "protective markings, such as OFFICIAL-SENSITIVE (1)",
                "something new (2)", "could not be checked", "attachment:accounts.zip: encrypted",
                "no\nencryption certificate", "Wednesday 2 April 2025", "https://gw/withdraw?t=abc",
                "Reference: held item 7").doesNotContain("5919", "943", "\u2022");
    }

    @Test
    void explainsAMessageTheGatewayCouldNotCheck() {
        String failClosed = "{\"sensitive\":true,\"level\":\"HIGH\",\"findings\":[],\"unscannable\":[],"
                + "\"note\":\"not classified (the processing stage failed or timed out)\"}";
        assertThat(text.held(item(failClosed, "processing timed out after 120s", Status.HELD, null, null),
                "https://gw/withdraw?t=abc").body()).contains("could not finish checking the message");
    }

    @Test
    void tellsHowTheMessageWentAndWhy() {
        assertThat(text.decided(item("{}", "x", Status.RELEASED, "", "PROTECTED"), false).body())
                .contains("It is being sent protected", "Replies to this notice are not read")
                .doesNotContain("reviewer's note");
        NoticeText.Text rejected = text.decided(item("{}", "x", Status.REJECTED, "Use the portal.", null), true);
        assertThat(rejected.subject()).isEqualTo("Not sent: Referral");
        assertThat(rejected.body()).contains("will not be sent", "Their reason:", "  Use the portal.",
                "Reply to this email to reach the Information Assurance team");
        assertThat(text.decided(item("{}", "x", Status.EXPIRED, "", null), true).body())
                .contains("within 30 days", "deleted without being");
    }
}
