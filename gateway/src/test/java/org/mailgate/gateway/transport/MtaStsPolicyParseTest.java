package org.mailgate.gateway.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.mailgate.gateway.delivery.MtaStsLookup;

/** Policies as hostile or careless servers answer them; and which MX hosts a policy allows. */
class MtaStsPolicyParseTest {

    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n";

    @Test
    void readsAValidPolicyAndRefusesWhatIsNotOne() throws Exception {
        MtaStsLookup.Policy p = MtaStsPolicies.parse(OK + "version: STSv1\nmode: enforce\nmx: mail.example.net\n"
                + "mx: *.mx.example.net\nmax_age: 86400\n", "id1").policy();
        assertThat(p.enforce()).isTrue();
        assertThat(p.allows("mail.example.net")).isTrue();
        assertThat(p.allows("a.mx.example.net.")).isTrue();
        assertThat(p.allows("a.b.mx.example.net")).isFalse(); // a wildcard covers one label only
        assertThat(p.allows("mx.example.net")).isFalse();
        assertThat(p.allows("evil-mail.example.net")).isFalse();

        for (String bad : new String[] {
                "HTTP/1.1 302 Found\r\nLocation: https://x\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\nversion: STSv1\nmode: enforce\nmx: a\nmax_age: 1\n",
                OK + "version: STSv2\nmode: enforce\nmx: a\nmax_age: 86400\n",
                OK + "version: STSv1\nmode: enforce\nmax_age: 86400\n",
                OK + "version: STSv1\nmode: enforce\nmx: a\nmax_age: 99999999999\n",
                OK + "version: STSv1\nmode: enforce\n" + "mx: a.example\n".repeat(51) + "max_age: 86400\n"}) {
            assertThatThrownBy(() -> MtaStsPolicies.parse(bad, "id1")).as(bad).isInstanceOf(IOException.class);
        }
    }
}
