package org.mailgate.gateway.labels;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailgate.config.GatewayConfig;
import org.mailgate.gateway.mail.MessageHeaders;
import org.mailgate.gateway.policy.LabelMatch;

/**
 * Reads the sensitivity labels and markings on a message and maps them through {@code labels:}.
 *
 * <ul>
 * <li>{@code msip_labels}, as Outlook writes it: {@code MSIP_Label_<guid>_<Field>=<value>} pairs
 *     separated by {@code ;}, folded across lines, in any order, one group of fields per label
 *     (and tenant). Only labels with {@code _Enabled=true} count. A label is matched by its GUID
 *     and its tenant ({@code _SiteId}), never by its name (names are not unique). ContentBits
 *     with bit value 8 means the label asks for encryption: such a label protects the message even
 *     when no entry maps it.</li>
 * <li>{@code X-Microsoft-Classification}: the label's name, matched as a marking.</li>
 * <li>{@code X-Protective-Marking} ({@code VER=2018.4, NS=gov.au, SEC=OFFICIAL:Sensitive, ...}):
 *     its SEC value, matched as a marking.</li>
 * <li>The subject: {@code [OFFICIAL-SENSITIVE]} anywhere, or {@code OFFICIAL-SENSITIVE:} at the
 *     start (after any RE:/FW:), for the markings of the Government Security Classifications and
 *     any configured marking.</li>
 * </ul>
 */
public final class Labels {

    /** The labels in {@code msip_labels}: a pair, its GUID and its field. */
    private static final Pattern MSIP_PAIR = Pattern.compile(
            "MSIP_Label_([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})_([A-Za-z]+)\\s*=\\s*([^;]*)");
    private static final int ENCRYPTION_BIT = 8;
    private static final List<String> GOVERNMENT_MARKINGS = List.of("OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET",
            "TOP SECRET");
    private static final Pattern BRACKETED = Pattern.compile("\\[\\s*([A-Za-z][A-Za-z :_-]{2,40}?)\\s*]");
    private static final Pattern REPLY_PREFIX = Pattern.compile("^(?:\\s*(?:re|fw|fwd|aw|wg)\\s*:)*\\s*",
            Pattern.CASE_INSENSITIVE);

    private final List<GatewayConfig.Label> entries;
    private final List<String> markings;

    public Labels(List<GatewayConfig.Label> entries) {
        this.entries = List.copyOf(entries);
        List<String> known = new ArrayList<>(GOVERNMENT_MARKINGS);
        entries.forEach(e -> e.marking().ifPresent(known::add));
        // Longest first, so that OFFICIAL-SENSITIVE is not read as OFFICIAL.
        known.sort((a, b) -> b.length() - a.length());
        this.markings = List.copyOf(known);
    }

    /** Every label and marking on the message, mapped; in the order: msip_labels, the two headers, the subject. */
    public List<LabelMatch> of(MessageHeaders headers) {
        List<LabelMatch> out = new ArrayList<>();
        for (Msip m : msip(headers.labelField("msip_labels"))) {
            out.add(mapGuid(m));
        }
        String classification = headers.labelField("X-Microsoft-Classification");
        if (!classification.isBlank()) {
            out.add(mapMarking("X-Microsoft-Classification", classification.strip()));
        }
        protectiveMarking(headers.labelField("X-Protective-Marking"))
                .ifPresent(sec -> out.add(mapMarking("X-Protective-Marking", sec)));
        subjectMarking(headers.subject()).ifPresent(m -> out.add(mapMarking("subject", m)));
        return List.copyOf(out);
    }

    /** One label of msip_labels, with the fields Outlook wrote for it. */
    record Msip(String guid, String tenant, String name, boolean enabled, int contentBits) {
    }

    /** The enabled labels in an msip_labels value (already unfolded), one per GUID and tenant. */
    static List<Msip> msip(String value) {
        Map<String, Map<String, String>> byGuid = new LinkedHashMap<>();
        Matcher m = MSIP_PAIR.matcher(value.replaceAll("\\s*\\r?\\n\\s*", " "));
        while (m.find()) {
            byGuid.computeIfAbsent(m.group(1).toLowerCase(Locale.ROOT), g -> new LinkedHashMap<>())
                    .putIfAbsent(m.group(2).toLowerCase(Locale.ROOT), m.group(3).strip());
        }
        List<Msip> out = new ArrayList<>();
        byGuid.forEach((guid, fields) -> {
            boolean enabled = "true".equalsIgnoreCase(fields.getOrDefault("enabled", ""));
            int bits;
            try {
                bits = Integer.parseInt(fields.getOrDefault("contentbits", "0").strip());
            } catch (NumberFormatException e) {
                bits = 0;
            }
            if (enabled) {
                out.add(new Msip(guid, fields.getOrDefault("siteid", "").toLowerCase(Locale.ROOT),
                        printable(fields.getOrDefault("name", "")), true, bits));
            }
        });
        return out;
    }

    private LabelMatch mapGuid(Msip m) {
        boolean encrypt = (m.contentBits() & ENCRYPTION_BIT) != 0;
        for (GatewayConfig.Label e : entries) {
            if (e.matchesGuid(m.guid(), m.tenant())) {
                return new LabelMatch("msip_labels", m.guid(), m.tenant(), m.name(), e.level(), action(e), encrypt, true);
            }
        }
        // Not mapped: a label that asks for encryption is protected all the same (fail closed).
        return new LabelMatch("msip_labels", m.guid(), m.tenant(), m.name(), encrypt ? "HIGH" : "NONE",
                encrypt ? "protect" : "none", encrypt, false);
    }

    private LabelMatch mapMarking(String source, String marking) {
        String shown = printable(marking);
        for (GatewayConfig.Label e : entries) {
            if (e.matchesMarking(marking)) {
                return new LabelMatch(source, "", "", shown, e.level(), action(e), false, true);
            }
        }
        return new LabelMatch(source, "", "", shown, "NONE", "none", false, false);
    }

    private static String action(GatewayConfig.Label e) {
        return e.action().name().toLowerCase(Locale.ROOT);
    }

    /** The SEC value of an X-Protective-Marking field ("OFFICIAL:Sensitive"). */
    static Optional<String> protectiveMarking(String value) {
        for (String part : value.split(",")) {
            String[] kv = part.split("=", 2);
            if (kv.length == 2 && kv[0].strip().equalsIgnoreCase("SEC") && !kv[1].isBlank()) {
                return Optional.of(kv[1].strip());
            }
        }
        return Optional.empty();
    }

    /** A marking in the subject: bracketed anywhere, or followed by a colon at the start. */
    Optional<String> subjectMarking(String subject) {
        if (subject == null || subject.isBlank()) {
            return Optional.empty();
        }
        Matcher b = BRACKETED.matcher(subject);
        while (b.find()) {
            Optional<String> known = known(b.group(1));
            if (known.isPresent()) {
                return known;
            }
        }
        String rest = REPLY_PREFIX.matcher(subject).replaceFirst("");
        int colon = rest.indexOf(':');
        return colon > 0 ? known(rest.substring(0, colon)) : Optional.empty();
    }

    private Optional<String> known(String text) {
        String normal = GatewayConfig.Label.normalMarking(text);
        return markings.stream().filter(m -> GatewayConfig.Label.normalMarking(m).equals(normal)).findFirst();
    }

    /** A value from a header as it may be shown: no control characters, at most 100 characters. */
    private static String printable(String s) {
        String clean = s.replaceAll("\\p{Cntrl}", " ").strip();
        return clean.length() > 100 ? clean.substring(0, 100) : clean;
    }
}
