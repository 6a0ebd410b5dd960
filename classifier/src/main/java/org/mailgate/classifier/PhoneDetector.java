package org.mailgate.classifier;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * UK phone numbers, validated by libphonenumber (region GB). Office numbers in signatures are
 * everywhere, so a phone number is LOW unless it is labelled as personal: MEDIUM with a personal
 * label nearby, HIGH when it is a person's (a mobile, home or personal number in the sentence or
 * table row of a named person, or in a table of people under a mobile/home column). A switchboard,
 * an office or the council's own signature keeps it LOW.
 */
final class PhoneDetector implements Detector {
    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final UkNumberPlan plan = new UkNumberPlan(util);

    /**
     * Stretches of text that could hold a UK phone number: +44, 0044 or a leading 0, then digits
     * with the usual separators. libphonenumber's search is slow over long text, so each
     * stretch is checked on its own. The specification: {@link #endOfCandidateAt} checks it by
     * hand, and a test compares the two.
     */
    static final Pattern CANDIDATE = Pattern.compile("(?:\\+\\s?44|0044|\\(?0)[\\d ()\\-.]{7,20}\\d");
    /** A stretch is '0' and at least 7 more separator-or-digit characters, the last a digit. */
    private static final int MIN_LENGTH = 9;
    private static final int MARGIN = 4;

    @Override
    public void detect(Scan scan, List<Hit> found) {
        String text = scan.text;
        NumericWords words = scan.words();
        int resume = 0; // candidates do not overlap, as with Matcher.find
        for (int w = 0; w < words.count(); w++) {
            int s = words.start(w);
            // "+44 …", "+ 44 …", "(0…": the stretch starts before the word
            if (Chars.at(text, s - 1) == '+' || Chars.at(text, s - 1) == '(') {
                resume = tryAt(scan, found, s - 1, resume);
            } else if (Chars.isSpace(Chars.at(text, s - 1)) && Chars.at(text, s - 2) == '+') {
                resume = tryAt(scan, found, s - 2, resume);
            }
            // otherwise at any '0' (the pattern has no boundary before it)
            if (words.hasZero(w)) {
                for (int i = s; i < words.end(w); i++) {
                    if (text.charAt(i) == '0' && stretch(text, i + 1) >= MIN_LENGTH - 1) {
                        resume = tryAt(scan, found, i, resume);
                    }
                }
            }
        }
    }

    /** Length of the run of digits and separators ({@code [\d ()\-.]}) starting at {@code from}, capped. */
    private static int stretch(String text, int from) {
        int i = from;
        int limit = Math.min(text.length(), from + MIN_LENGTH);
        while (i < limit && isStretchChar(text.charAt(i))) {
            i++;
        }
        return i - from;
    }

    private static boolean isStretchChar(char c) {
        return Chars.isDigit(c) || c == ' ' || c == '(' || c == ')' || c == '-' || c == '.';
    }

    /** {@link #CANDIDATE} matched at {@code start}: the end of the match, or -1. */
    static int endOfCandidateAt(String t, int start) {
        int n = t.length();
        char c = t.charAt(start);
        if (c == '+') {
            int i = start + 1 < n && Chars.isSpace(t.charAt(start + 1)) ? start + 2 : start + 1;
            return i + 2 <= n && t.charAt(i) == '4' && t.charAt(i + 1) == '4' ? endOfStretch(t, i + 2) : -1;
        }
        if (t.startsWith("0044", start)) {
            int end = endOfStretch(t, start + 4);
            if (end >= 0) {
                return end; // else "0044…" may still match as "0" and a longer stretch
            }
        }
        int zero = c == '(' ? start + 1 : start;
        return zero < n && t.charAt(zero) == '0' ? endOfStretch(t, zero + 1) : -1;
    }

    /** {@code [\d ()\-.]{7,20}\d} from {@code from}, greedy: the end after the last digit within reach, or -1. */
    private static int endOfStretch(String t, int from) {
        int reach = from;
        int limit = Math.min(t.length(), from + 21);
        while (reach < limit && isStretchChar(t.charAt(reach))) {
            reach++;
        }
        for (int end = reach; end >= from + 8; end--) {
            if (Chars.isDigit(t.charAt(end - 1))) {
                return end;
            }
        }
        return -1;
    }

    /**
     * Checks for a candidate at {@code start} unless an earlier one reached past it ({@code
     * resume}); returns where the next may start.
     */
    private int tryAt(Scan scan, List<Hit> found, int start, int resume) {
        int to = start >= resume ? endOfCandidateAt(scan.text, start) : -1;
        if (to < 0) {
            return resume;
        }
        int from = start;
        PhoneNumber number = parseValid(scan.text, from, to);
        if (number != null) {
            add(scan, found, number, from, to);
            return to;
        }
        // Several numbers run together, or text libphonenumber reads differently: let its own
        // (slower) search look at this stretch with a little margin either side.
        int a = Math.max(0, from - MARGIN);
        int b = Math.min(scan.text.length(), to + MARGIN);
        for (PhoneNumberMatch pm : util.findNumbers(scan.text.substring(a, b), "GB", PhoneNumberUtil.Leniency.VALID, 100)) {
            if (pm.number().getCountryCode() == 44) {
                add(scan, found, pm.number(), pm.start() + a, pm.end() + a);
            }
        }
        return to;
    }

    /** The number if the whole candidate is one valid UK number (the common case, and fast). */
    private PhoneNumber parseValid(String text, int from, int to) {
        PhoneNumber n = nationalForm(text, from, to);
        if (n == null) {
            try {
                n = util.parse(text.substring(from, to), "GB");
            } catch (NumberParseException e) {
                return null;
            }
        }
        if (n.getCountryCode() != 44) {
            return null;
        }
        boolean valid = n.hasItalianLeadingZero() ? util.isValidNumber(n) : plan.isValid(n);
        return valid ? n : null;
    }

    /**
     * "01522 123456", "(020) 7946-0000": national format with the trunk 0, read without
     * libphonenumber's general parser (which costs several times the validation). Null for
     * anything else (+44, 0044, 00 international), which goes to the parser.
     */
    private static PhoneNumber nationalForm(String text, int from, int to) {
        long national = 0;
        int digits = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!Chars.isDigit(c)) {
                continue;
            }
            if (digits == 0 && c != '0' || digits == 1 && c == '0') {
                return null;
            }
            if (digits > 0) {
                national = national * 10 + (c - '0');
            }
            digits++;
        }
        return digits >= 8 && digits <= 12 ? new PhoneNumber().setCountryCode(44).setNationalNumber(national) : null;
    }

    private static final Pattern PERSONAL_LABEL = Pattern.compile("(?i)\\b(?:mobile|mob|home|personal|private|own number"
            + "|next of kin|contact number)\\b");

    private static void add(Scan scan, List<Hit> found, PhoneNumber number, int start, int end) {
        String key = "+44" + number.getNationalNumber();
        String text = scan.text;
        boolean labelNear = scan.near(Keywords.PERSONAL_PHONE, start, end);
        // a column header may be far above the row, and worded any way ("Phone (home)"): asked only for table rows
        TextUnits.Header header = labelNear || TextUnits.cell(text, start, end) ? TextUnits.header(text, start, 500) : null;
        if (header != null && !header.isHeaderRow() && PERSONAL_LABEL.matcher(header.cell()).find()) {
            TextUnits.Unit row = TextUnits.line(text, start, end);
            People.Mention person = People.first(text, row.start(), row.end());
            if (person != null) {
                found.add(new Hit(FindingType.UK_PHONE, key, Confidence.HIGH, start, end,
                        "a table of people with a " + header.cell().toLowerCase(java.util.Locale.ROOT) + " column"));
                return;
            }
        }
        if (!labelNear) {
            found.add(new Hit(FindingType.UK_PHONE, key, Confidence.LOW, start, end, "phone number, no personal label"));
            return;
        }
        Subjects.Judgement about = Subjects.of(text, start, end);
        if (about.kind() == Subjects.Kind.BUSINESS) {
            found.add(new Hit(FindingType.UK_PHONE, key, Confidence.LOW, start, end, "phone number, " + about.rule()));
            return;
        }
        TextUnits.Unit sentence = TextUnits.sentence(text, start, end);
        Matcher label = PERSONAL_LABEL.matcher(text);
        label.region(Math.max(sentence.start(), start - 60), Math.min(sentence.end(), end + 30));
        if (label.find() && about.kind() == Subjects.Kind.PERSON) {
            found.add(new Hit(FindingType.UK_PHONE, key, Confidence.HIGH, start, end,
                    label.group().toLowerCase(java.util.Locale.ROOT) + " number, " + about.rule()));
            return;
        }
        found.add(new Hit(FindingType.UK_PHONE, key, Confidence.MEDIUM, start, end, "phone number with a personal label nearby"));
    }

    /** "+44 •••••••456" from the key "+441522123456". */
    static String mask(String key) {
        String national = key.substring(3);
        int shown = Math.max(0, national.length() - 3);
        return "+44 " + TextNormalizer.bullets(shown) + national.substring(shown);
    }
}
