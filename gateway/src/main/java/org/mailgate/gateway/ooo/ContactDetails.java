package org.mailgate.gateway.ooo;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phone numbers and e-mail addresses in free text such as "Sam Jones, 01632 960123,
 * sam.jones@council.example". Numbers are read by libphonenumber as UK numbers unless they
 * start with +, and compared in E.164 form, so "01632 960000" and "+44 1632 960000" are one.
 */
public final class ContactDetails {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    /** A run of digits with the separators people type; each run is parsed on its own. */
    private static final Pattern CANDIDATE = Pattern.compile("\\+?\\(?\\d[\\d ()\\-.]{5,22}\\d");
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9._%+'-]+@[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+");

    private ContactDetails() {
    }

    /** A phone number found in text: as written, and in E.164 form for comparing. */
    record Phone(String written, String e164) {
    }

    /**
     * Complete phone numbers in {@code text}: valid numbers, and numbers of a possible full
     * length (which takes in Ofcom's drama ranges such as 01632 960xxx). Extensions and
     * numbers without their area code are not complete: nobody outside could ring them.
     */
    public static List<Phone> phones(String text) {
        List<Phone> out = new ArrayList<>();
        Matcher m = CANDIDATE.matcher(text == null ? "" : text);
        while (m.find()) {
            String written = m.group().trim();
            parse(written).ifPresent(n -> out.add(new Phone(written, e164(n))));
        }
        return out;
    }

    /** The E.164 form of a number as written in configuration; digits only if it does not parse. */
    static String normalise(String number) {
        String bare = number.replaceAll("\\(\\s*[^)\\d]*[A-Za-z][^)]*\\)", "").trim();
        return parse(bare).map(ContactDetails::e164).orElse(bare.replaceAll("\\D", ""));
    }

    /** The label in brackets after a number in configuration ("Customer Service Centre"), if any. */
    static Optional<String> label(String number) {
        Matcher m = Pattern.compile("\\(\\s*([^)]*[A-Za-z][^)]*?)\\s*\\)").matcher(number);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    public static Optional<String> firstEmail(String text) {
        Matcher m = EMAIL.matcher(text == null ? "" : text);
        return m.find() ? Optional.of(m.group()) : Optional.empty();
    }

    private static Optional<PhoneNumber> parse(String written) {
        try {
            PhoneNumber n = PHONES.parse(written, "GB");
            boolean complete = PHONES.isValidNumber(n)
                    || PHONES.isPossibleNumberWithReason(n) == PhoneNumberUtil.ValidationResult.IS_POSSIBLE;
            return complete ? Optional.of(n) : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    private static String e164(PhoneNumber n) {
        return PHONES.format(n, PhoneNumberUtil.PhoneNumberFormat.E164);
    }

    /**
     * "Jane Smith" for jane.smith@...: made from the address, never from a display name in
     * the incoming message, which the sender could have written to say anything.
     */
    public static String nameOf(String address) {
        int at = address.indexOf('@');
        String local = at < 0 ? address : address.substring(0, at);
        List<String> words = new ArrayList<>();
        for (String w : local.split("[._-]+")) {
            if (!w.isEmpty()) {
                words.add(w.substring(0, 1).toUpperCase(Locale.UK) + w.substring(1));
            }
        }
        return String.join(" ", words);
    }
}
