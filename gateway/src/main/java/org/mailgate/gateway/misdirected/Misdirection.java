package org.mailgate.gateway.misdirected;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.mailgate.config.GatewayConfig;
import org.mailgate.config.GatewayConfig.MisdirectedAction;
import org.mailgate.gateway.misdirected.Correspondents.Row;
import org.mailgate.gateway.misdirected.Correspondents.SenderHistory;
import org.mailgate.gateway.spool.Envelope;

/**
 * The checks for mail to the wrong recipient, against the sender's history (one query per
 * message). For each external recipient:
 * <ul>
 * <li><b>first sensitive mail to this address</b>: the sender never sent it sensitive mail before;</li>
 * <li><b>look-alike</b> of an address or domain the sender writes to often
 *     ({@code often_messages}): one letter different, missing, extra or doubled, two letters
 *     swapped, or another ending ({@code .co.uk} for {@code .com}); and of the organisation's own
 *     domains. The history holds only keyed hashes, so the candidates are worked out from the new
 *     address and looked up: what matched is the look-alike, and the notice can name it;</li>
 * <li><b>webmail</b>: the same local part at a personal webmail domain ({@code webmail_domains})
 *     as an address elsewhere that the sender writes to often;</li>
 * <li><b>many external</b> recipients visible in To/Cc (over {@code max_external_recipients}):
 *     they all see each other's addresses; Bcc was probably meant;</li>
 * <li><b>mixed domains</b>: internal colleagues and more than {@code max_external_domains}
 *     unrelated external organisations on one message.</li>
 * </ul>
 * The rules run on sensitive mail, or on all mail with {@code check_all_mail} (the first and the
 * last two only ever on sensitive mail).
 */
public final class Misdirection {

    private static final String DOMAIN_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789-.";
    private static final String LOCAL_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789.-_+";
    /** Endings people confuse; the longest that fits a domain is its ending. */
    private static final List<String> ENDINGS = List.of("co.uk", "org.uk", "gov.uk", "ac.uk", "nhs.uk", "nhs.net",
            "com", "org", "net", "uk", "eu", "co", "io", "info", "ie");

    private final Correspondents history;
    private final GatewayConfig.Misdirected config;
    private final Predicate<String> isInternal;
    private final List<String> ownDomains;

    public Misdirection(Correspondents history, GatewayConfig.Misdirected config, GatewayConfig.Domains domains) {
        this.history = history;
        this.config = config;
        this.isInternal = a -> domains.isInternal(Envelope.domainOf(a));
        this.ownDomains = domains.internal().stream().map(d -> d.replaceFirst("^\\*\\.", "")).toList();
    }

    /** The action configured for a rule. */
    public MisdirectedAction action(String rule) {
        return switch (rule) {
            case Finding.FIRST_SENSITIVE -> config.firstSensitiveToNewAddress();
            case Finding.LOOKALIKE, Finding.WEBMAIL -> config.lookalike();
            case Finding.MANY_EXTERNAL -> config.manyExternal();
            case Finding.MIXED_DOMAINS -> config.mixedDomains();
            default -> MisdirectedAction.OFF;
        };
    }

    private boolean on(String rule) {
        return action(rule) != MisdirectedAction.OFF;
    }

    /**
     * What looks unusual about a message from {@code sender} (internal) to {@code recipients};
     * {@code shown}: the addresses in To and Cc.
     */
    public List<Finding> check(String sender, Collection<String> recipients, Set<String> shown, boolean sensitive)
            throws SQLException {
        if (!sensitive && !config.checkAllMail()) {
            return List.of();
        }
        Set<String> external = new LinkedHashSet<>();
        boolean internalToo = false;
        for (String r : recipients) {
            String a = r.toLowerCase(Locale.ROOT);
            if (isInternal.test(a)) {
                internalToo = true;
            } else {
                external.add(a);
            }
        }
        if (external.isEmpty()) {
            return List.of();
        }
        SenderHistory h = history.of(sender);
        List<Finding> out = new ArrayList<>();
        for (String r : external) {
            String local = Correspondents.localPart(r);
            String domain = Envelope.domainOf(r).toLowerCase(Locale.ROOT);
            Optional<Row> known = h.exact("A@" + domain, local);
            if (sensitive && on(Finding.FIRST_SENSITIVE) && known.map(k -> k.sensitive() == 0).orElse(true)) {
                out.add(new Finding(r, Finding.FIRST_SENSITIVE, known.isEmpty()
                        ? "first sensitive mail to this address; you have not written to it before"
                        : "first sensitive mail to this address; you have sent it " + messages(known.get().messages())
                                + " before, none sensitive"));
            }
            if (known.isPresent() || !on(Finding.LOOKALIKE)) {
                continue;
            }
            Optional<Row> knownDomain = h.exact("D", domain);
            if (knownDomain.isEmpty()) {
                ownLookalike(domain).or(() -> lookalike(h, "D", domain, DOMAIN_LETTERS).or(() -> otherEnding(h, domain)))
                        .ifPresent(m -> out.add(new Finding(r, Finding.LOOKALIKE, "looks like " + m.name()
                                + (m.messages() < 0 ? ", the organisation's own domain"
                                        : ", to which you sent " + messages(m.messages())) + " (" + m.slip() + ")")));
            } else {
                lookalike(h, "A@" + domain, local, LOCAL_LETTERS).ifPresent(m -> out.add(new Finding(r,
                        Finding.LOOKALIKE, "looks like " + m.name() + "@" + domain + ", to which you sent "
                                + messages(m.messages()) + " (" + m.slip() + ")")));
            }
            if (config.webmailDomains().contains(domain)) {
                String localKey = h.keys().exact("L", local);
                h.withLocal(localKey).stream().filter(x -> x.messages() >= config.oftenMessages())
                        .max(Comparator.comparingInt(Row::messages))
                        .ifPresent(x -> out.add(new Finding(r, Finding.WEBMAIL, "a personal webmail address with the "
                                + "same name as an address at another organisation that you write to often ("
                                + messages(x.messages()) + ")")));
            }
        }
        if (sensitive && on(Finding.MANY_EXTERNAL)) {
            List<String> visible = shown.stream().map(a -> a.toLowerCase(Locale.ROOT)).filter(a -> !isInternal.test(a))
                    .toList();
            if (visible.size() > config.maxExternalRecipients()) {
                for (String r : external) {
                    if (visible.contains(r)) {
                        out.add(new Finding(r, Finding.MANY_EXTERNAL, visible.size() + " external recipients in To "
                                + "and Cc can all see each other's addresses; use Bcc"));
                    }
                }
            }
        }
        if (sensitive && internalToo && on(Finding.MIXED_DOMAINS)) {
            Set<String> organisations = new LinkedHashSet<>();
            external.forEach(r -> organisations.add(organisation(Envelope.domainOf(r).toLowerCase(Locale.ROOT))));
            if (organisations.size() > config.maxExternalDomains()) {
                for (String r : external) {
                    Optional<Row> d = h.exact("D", Envelope.domainOf(r).toLowerCase(Locale.ROOT));
                    if (d.map(x -> x.messages() < config.oftenMessages()).orElse(true)) {
                        out.add(new Finding(r, Finding.MIXED_DOMAINS, "sent to colleagues and to "
                                + organisations.size() + " unrelated external organisations at once; check that "
                                + "this one belongs"));
                    }
                }
            }
        }
        return out;
    }

    /** A name the sender writes to often, one slip away from the recipient's; messages -1 for our own domain. */
    record Match(String name, String slip, int messages) {
    }

    private Optional<Match> lookalike(SenderHistory h, String ns, String c, String letters) {
        Keys keys = h.keys();
        int often = config.oftenMessages();
        List<Match> found = new ArrayList<>();
        int n = Math.min(c.length(), Correspondents.MAX_INDEXED);
        for (int j = 0; j < c.length() && c.length() > 1; j++) {
            String d = Correspondents.without(c, j);
            boolean doubled = j > 0 && c.charAt(j) == c.charAt(j - 1) || j + 1 < c.length() && c.charAt(j) == c.charAt(j + 1);
            String slip = doubled ? "a doubled letter" : "an extra letter";
            h.exact(ns, d).filter(r -> r.messages() >= often).ifPresent(r -> found.add(
                    new Match(d, slip, r.messages())));
        }
        for (int j = 0; j + 1 < c.length(); j++) {
            if (c.charAt(j) != c.charAt(j + 1)) {
                String d = c.substring(0, j) + c.charAt(j + 1) + c.charAt(j) + c.substring(j + 2);
                h.exact(ns, d).filter(r -> r.messages() >= often).ifPresent(r -> found.add(
                        new Match(d, "two letters swapped", r.messages())));
            }
        }
        for (int i = 0; i < n; i++) {
            for (Row r : h.neighbours(keys.neighbour(ns, i, Correspondents.without(c, i)), often)) {
                recover(keys, ns, c.substring(0, i), c.substring(i + 1), letters, r, c.charAt(i))
                        .ifPresent(d -> found.add(new Match(d, "one letter different", r.messages())));
            }
        }
        for (int i = 0; i <= c.length() && i < Correspondents.MAX_INDEXED; i++) {
            for (Row r : h.neighbours(keys.neighbour(ns, i, c), often)) {
                recover(keys, ns, c.substring(0, i), c.substring(i), letters, r, (char) 0)
                        .ifPresent(d -> found.add(new Match(d, "a letter missing", r.messages())));
            }
        }
        return found.stream().max(Comparator.comparingInt(Match::messages));
    }

    /** The name {@code before + letter + after} whose hash is the row's, for some letter other than {@code not}. */
    private static Optional<String> recover(Keys keys, String ns, String before, String after, String letters, Row r,
            char not) {
        for (int k = 0; k < letters.length(); k++) {
            char ch = letters.charAt(k);
            if (ch != not) {
                String d = before + ch + after;
                if (keys.exact(ns, d).equals(r.hash())) {
                    return Optional.of(d);
                }
            }
        }
        return Optional.empty();
    }

    /** The same domain with another ending (partner.co.uk for partner.com) that the sender writes to often. */
    private Optional<Match> otherEnding(SenderHistory h, String domain) {
        String ending = ending(domain);
        if (ending == null) {
            return Optional.empty();
        }
        String base = domain.substring(0, domain.length() - ending.length() - 1);
        return ENDINGS.stream().filter(e -> !e.equals(ending))
                .flatMap(e -> h.exact("D", base + "." + e).filter(r -> r.messages() >= config.oftenMessages())
                        .map(r -> new Match(base + "." + e, "another ending: ." + ending + " instead of ." + e,
                                r.messages())).stream())
                .max(Comparator.comparingInt(Match::messages));
    }

    /** One of the organisation's own domains, one slip away (or with another ending). */
    private Optional<Match> ownLookalike(String domain) {
        for (String own : ownDomains) {
            String slip = slip(domain, own);
            if (slip != null) {
                return Optional.of(new Match(own, slip, -1));
            }
            String e1 = ending(domain);
            String e2 = ending(own);
            if (e1 != null && e2 != null && !e1.equals(e2) && domain.substring(0, domain.length() - e1.length())
                    .equals(own.substring(0, own.length() - e2.length()))) {
                return Optional.of(new Match(own, "another ending: ." + e1 + " instead of ." + e2, -1));
            }
        }
        return Optional.empty();
    }

    private static String ending(String domain) {
        return ENDINGS.stream().filter(e -> domain.endsWith("." + e) && domain.length() > e.length() + 1)
                .max(Comparator.comparingInt(String::length)).orElse(null);
    }

    /** What one slip turns {@code b} into {@code a}, or null if they are equal or further apart. */
    static String slip(String a, String b) {
        if (a.equals(b)) {
            return null;
        }
        if (a.length() == b.length()) {
            int first = -1;
            int diffs = 0;
            for (int i = 0; i < a.length(); i++) {
                if (a.charAt(i) != b.charAt(i)) {
                    diffs++;
                    first = first < 0 ? i : first;
                }
            }
            if (diffs == 1) {
                return "one letter different";
            }
            if (diffs == 2 && first + 1 < a.length() && a.charAt(first) == b.charAt(first + 1)
                    && a.charAt(first + 1) == b.charAt(first)) {
                return "two letters swapped";
            }
            return null;
        }
        if (Math.abs(a.length() - b.length()) != 1) {
            return null;
        }
        String longer = a.length() > b.length() ? a : b;
        String shorter = longer == a ? b : a;
        for (int i = 0; i < longer.length(); i++) {
            if (Correspondents.without(longer, i).equals(shorter)) {
                return longer == a ? "an extra letter" : "a letter missing";
            }
        }
        return null;
    }

    /**
     * The organisation a domain belongs to, roughly: its last two labels, or three under a
     * two-part ending such as {@code co.uk} (enough to tell unrelated organisations apart).
     */
    static String organisation(String domain) {
        String[] labels = domain.split("\\.");
        String ending = ending(domain);
        int keep = ending != null && ending.contains(".") ? 3 : 2;
        return labels.length <= keep ? domain
                : String.join(".", java.util.Arrays.copyOfRange(labels, labels.length - keep, labels.length));
    }

    private static String messages(int n) {
        return n + (n == 1 ? " message" : " messages");
    }
}
