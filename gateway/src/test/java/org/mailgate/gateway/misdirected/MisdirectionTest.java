package org.mailgate.gateway.misdirected;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.config.ConfigLoader;
import org.mailgate.config.GatewayConfig;
import org.mailgate.gateway.store.Database;
import org.mailgate.gateway.testing.TestDatabases;

/**
 * The rules against a real store (embedded H2 and PostgreSQL): a history of what one sender
 * writes to, and what each kind of slip in a new address is found as.
 */
class MisdirectionTest {

    private static final String SENDER = "worker@council.example";

    @TempDir
    Path dir;
    Database db;

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    private Misdirection setUp(TestDatabases.Kind kind, String yaml) throws Exception {
        GatewayConfig config = new ConfigLoader().parse("domains:\n  internal: [council.example]\nroutes:\n"
                + "  internal: 127.0.0.1:1\n" + yaml, "test.yaml");
        db = TestDatabases.open(kind, dir);
        Correspondents history = new Correspondents(db, new byte[32], Clock.systemUTC(),
                a -> a.endsWith("@council.example"));
        Map<String, Boolean> known = new LinkedHashMap<>();
        known.put("someone@partner.example", false);
        known.put("john.smith@social-care.co.uk", true);
        for (int i = 0; i < 5; i++) {
            history.learn(SENDER, known);
        }
        history.learn(SENDER, Map.of("rarely@seldom.example", false));
        return new Misdirection(history, config.misdirected(), config.domains());
    }

    private static List<String> details(List<Finding> found) {
        return found.stream().map(f -> f.rule() + ": " + f.detail()).toList();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void eachKindOfSlipIsNamedWithTheAddressItLooksLike(TestDatabases.Kind kind) throws Exception {
        Misdirection m = setUp(kind, "");
        Map<String, String> slips = Map.of(
                "someone@partner.exmaple", "looks like partner.example, to which you sent 5 messages (two letters swapped)",
                "someone@partnerr.example", "looks like partner.example, to which you sent 5 messages (a doubled letter)",
                "someone@partnxer.example", "looks like partner.example, to which you sent 5 messages (an extra letter)",
                "someone@partnr.example", "looks like partner.example, to which you sent 5 messages (a letter missing)",
                "someone@partmer.example", "looks like partner.example, to which you sent 5 messages (one letter different)",
                "someone@social-care.com", "looks like social-care.co.uk, to which you sent 5 messages "
                        + "(another ending: .com instead of .co.uk)",
                "jon.smith@social-care.co.uk", "looks like john.smith@social-care.co.uk, to which you sent 5 messages "
                        + "(a letter missing)",
                "jane@counci1.example", "looks like council.example, the organisation's own domain (one letter different)");
        for (Map.Entry<String, String> s : slips.entrySet()) {
            List<Finding> found = m.check(SENDER, List.of(s.getKey()), Set.of(), true);
            assertThat(details(found)).as(s.getKey()).contains("lookalike: " + s.getValue());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void knownAddressesAndRareOnesAreNotLookAlikes(TestDatabases.Kind kind) throws Exception {
        Misdirection m = setUp(kind, "");
        // Known, and sent sensitive mail before: nothing at all.
        assertThat(m.check(SENDER, List.of("john.smith@social-care.co.uk"), Set.of(), true)).isEmpty();
        // Known, never sensitive: only the first sensitive mail is worth a word.
        assertThat(details(m.check(SENDER, List.of("someone@partner.example"), Set.of(), true))).containsExactly(
                "first_sensitive_to_new_address: first sensitive mail to this address; you have sent it 5 messages "
                        + "before, none sensitive");
        // Written to once: not "often", so a slip of it is just a new address.
        assertThat(details(m.check(SENDER, List.of("someone@seldon.example"), Set.of(), true)))
                .noneMatch(d -> d.startsWith("lookalike"));
        // Not sensitive: no rule runs unless check_all_mail is on.
        assertThat(m.check(SENDER, List.of("someone@partner.exmaple"), Set.of(), false)).isEmpty();
        // Internal recipients are never checked.
        assertThat(m.check(SENDER, List.of("colleague@council.example"), Set.of(), true)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void webmailManyRecipientsAndMixedDomains(TestDatabases.Kind kind) throws Exception {
        Misdirection m = setUp(kind, "misdirected:\n  max_external_recipients: 3\n  check_all_mail: true\n");
        assertThat(details(m.check(SENDER, List.of("john.smith@gmail.com"), Set.of(), false))).containsExactly(
                "webmail: a personal webmail address with the same name as an address at another organisation that "
                        + "you write to often (5 messages)");
        List<String> many = List.of("a@one.example", "b@two.example", "c@three.example", "d@four.example");
        List<Finding> found = m.check(SENDER, many, Set.copyOf(many), true);
        assertThat(found).filteredOn(f -> f.rule().equals(Finding.MANY_EXTERNAL)).hasSize(4)
                .allSatisfy(f -> assertThat(f.detail()).contains("4 external recipients", "Bcc"));
        // In Bcc, nobody sees anybody: no finding.
        assertThat(m.check(SENDER, many, Set.of(), true)).noneMatch(f -> f.rule().equals(Finding.MANY_EXTERNAL));
        List<Finding> mixed = m.check(SENDER, List.of("colleague@council.example", "a@one.example", "b@two.co.uk",
                "c@x.three.example"), Set.of(), true);
        assertThat(mixed).filteredOn(f -> f.rule().equals(Finding.MIXED_DOMAINS)).hasSize(3);
        assertThat(m.check(SENDER, List.of("colleague@council.example", "a@one.example", "b@mail.one.example"),
                Set.of(), true)).noneMatch(f -> f.rule().equals(Finding.MIXED_DOMAINS));
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void rulesSetToOffAreNotRun(TestDatabases.Kind kind) throws Exception {
        Misdirection m = setUp(kind, "misdirected:\n  first_sensitive_to_new_address: off\n  lookalike: off\n");
        assertThat(m.check(SENDER, List.of("someone@partner.exmaple"), Set.of(), true)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void theConfigurationHasTheDocumentedDefaultsAndSaysWhatIsWrong() {
        GatewayConfig.Misdirected d = new ConfigLoader().parse("domains:\n  internal: [council.example]\nroutes:\n"
                + "  internal: 127.0.0.1:1\n", "test.yaml").misdirected();
        assertThat(d).isEqualTo(GatewayConfig.Misdirected.defaults());
        assertThat(d.lookalike()).isEqualTo(GatewayConfig.MisdirectedAction.CONFIRM);
        assertThat(d.confirmTimeout()).isEqualTo(java.time.Duration.ofHours(2));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ConfigLoader().parse("domains:\n  internal: "
                + "[council.example]\nroutes:\n  internal: 127.0.0.1:1\nmisdirected:\n  lookalike: ask\n"
                + "  confirm_timeout: 0s\n  webmail_domains: [\"not a domain\"]\n  lookalikes: warn\n", "test.yaml"))
                .hasMessageContaining("test.yaml:6: misdirected.lookalike: 'ask' is not allowed here: use off, warn, "
                        + "confirm or hold")
                .hasMessageContaining("misdirected.confirm_timeout: must be longer than 0")
                .hasMessageContaining("not a domain")
                .hasMessageContaining("lookalikes");
    }
}
