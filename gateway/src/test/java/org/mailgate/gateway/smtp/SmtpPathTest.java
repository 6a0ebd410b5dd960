package org.mailgate.gateway.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SmtpPathTest {

    @Test
    void parsesPathsAndParameters() throws Exception {
        SmtpPath p = SmtpPath.parse("<Jane.Smith@Council.EXAMPLE> SIZE=123 BODY=8BITMIME", true);
        assertThat(p.address()).isEqualTo("Jane.Smith@council.example");
        assertThat(p.parameters()).containsEntry("SIZE", "123").containsEntry("BODY", "8BITMIME");
        assertThat(SmtpPath.parse("<>", true).address()).isEmpty();
        assertThat(SmtpPath.parse(" bare@example.org", false).address()).isEqualTo("bare@example.org");
        assertThat(SmtpPath.parse("<@relay.example:user@example.org>", false).address()).isEqualTo("user@example.org");
        assertThat(SmtpPath.parse("<\"john doe\"@example.org>", false).address()).isEqualTo("\"john doe\"@example.org");
        assertThat(SmtpPath.parse("<user@[192.0.2.1]>", false).address()).isEqualTo("user@[192.0.2.1]");
    }

    @Test
    void refusesWhatCouldBreakAHeaderOrALog() {
        for (String bad : new String[] {"<a\r\nb@example.org>", "<a b@example.org>", "<a@exa mple.org>", "<a@-x.org>",
                "<a..b@example.org>", "<@example.org>", "<a@>", "<a@example.org", "<a@example.org>junk",
                "<" + "x".repeat(65) + "@example.org>", "<a@" + "b".repeat(64) + ".org>", "<a,b@example.org>"}) {
            assertThatThrownBy(() -> SmtpPath.parse(bad, false)).as(bad).isInstanceOf(SmtpPath.SyntaxException.class);
        }
        assertThatThrownBy(() -> SmtpPath.parse("<>", false)).isInstanceOf(SmtpPath.SyntaxException.class);
        assertThatThrownBy(() -> SmtpPath.parse("<a@example.org> SIZE=1 SIZE=2", false))
                .hasMessageContaining("twice");
    }

    @Test
    void acceptsInternationalisedAddresses() throws Exception {
        assertThat(SmtpPath.parse("<jos\u00e9@b\u00fccher.example>", false).address()).isEqualTo("jos\u00e9@b\u00fccher.example");
        assertThat(SmtpPath.isAscii("jos\u00e9@x")).isFalse();
    }
}
