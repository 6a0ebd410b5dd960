package org.mailgate.classifier;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Government Security Classifications markings. OFFICIAL-SENSITIVE is distinctive in capitals
 * anywhere. SECRET and TOP SECRET are ordinary words, so they count only as markings: upper case
 * and either alone on a line, at the start of a line followed by a separator, or in brackets.
 */
final class ProtectiveMarkingDetector implements Detector {
    private static final String DESCRIPTOR = "(?:\\s*[:\\-/]+\\s*(PERSONAL|COMMERCIAL|LOCSEN))?";
    private static final Pattern OFFICIAL_SENSITIVE = Pattern.compile(
            "(?<![A-Za-z])OFFICIAL[ _-]*SENSITIVE(?![A-Za-z])" + DESCRIPTOR);
    /** Mixed case is tolerated only where a marking is expected: bracketed or heading a line/subject. */
    private static final Pattern OFFICIAL_SENSITIVE_ANY_CASE = Pattern.compile(
            "(?im)(?:^\\s*|[\\[(]\\s*)official[ _-]*sensitive(?![a-z])" + "(?:\\s*[:\\-/]+\\s*(personal|commercial|locsen))?");
    private static final Pattern SECRET = Pattern.compile(
            "(?m)(?:^[ \\t]*|[\\[(][ \\t]*)(TOP SECRET|SECRET)(?:[ \\t]*(?:[:\\])]|//|-[ \\t]|UK EYES ONLY)|[ \\t]*$)");

    @Override
    public void detect(Scan scan, List<Hit> found) {
        if (!scan.mentions(Keywords.MARKING)) {
            return; // every marking pattern contains one of these words
        }
        Matcher m = OFFICIAL_SENSITIVE.matcher(scan.text);
        while (m.find()) {
            add(found, "OFFICIAL-SENSITIVE", m.group(1), m);
        }
        m = OFFICIAL_SENSITIVE_ANY_CASE.matcher(scan.text);
        while (m.find()) {
            add(found, "OFFICIAL-SENSITIVE", m.group(1), m);
        }
        m = SECRET.matcher(scan.text);
        while (m.find()) {
            add(found, m.group(1), null, m);
        }
    }

    private static void add(List<Hit> found, String marking, String descriptor, Matcher m) {
        String label = descriptor == null ? marking : marking + ": " + descriptor.toUpperCase(Locale.ROOT);
        found.add(new Hit(FindingType.PROTECTIVE_MARKING, label, Confidence.HIGH, m.start(), m.end()));
    }
}
