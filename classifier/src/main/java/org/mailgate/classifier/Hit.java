package org.mailgate.classifier;

/**
 * One match of a detector inside one text segment. {@code key} is the normalised value used to
 * count distinct values; it never leaves the classifier (only {@link #masked()} does).
 * {@code rule} says in words why it was reported at this confidence (no values).
 */
record Hit(FindingType type, String key, Confidence confidence, int start, int end, String rule) {

    Hit(FindingType type, String key, Confidence confidence, int start, int end) {
        this(type, key, confidence, start, end, defaultRule(type, confidence));
    }

    private static String defaultRule(FindingType type, Confidence confidence) {
        return type.name().toLowerCase(java.util.Locale.ROOT) + " pattern and check, " + switch (confidence) {
            case HIGH -> "context keywords confirm it";
            case MEDIUM -> "some context";
            case LOW -> "no context";
        };
    }

    /**
     * The value as it may be shown: made from the key only when asked (a finding keeps three
     * samples, and a text may hold thousands of hits of one type).
     */
    String masked() {
        return switch (type) {
            case UK_NINO -> NinoDetector.mask(key);
            case UK_NHS_NUMBER -> NhsNumberDetector.mask(key);
            case PAYMENT_CARD -> PaymentCardDetector.mask(key);
            case UK_BANK_ACCOUNT -> BankAccountDetector.mask(key);
            case IBAN -> IbanDetector.mask(key);
            case UK_PASSPORT -> PassportDetector.mask(key);
            case UK_DRIVING_LICENCE -> DrivingLicenceDetector.mask(key);
            case DATE_OF_BIRTH -> "\u2022\u2022/\u2022\u2022/\u2022\u2022\u2022\u2022";
            case UK_POSTCODE -> PostcodeDetector.mask(key);
            case UK_PHONE -> PhoneDetector.mask(key);
            case PROTECTIVE_MARKING, SPECIAL_CATEGORY -> key; // a marking or category name, not personal data
            case UNSCANNABLE_ATTACHMENT -> Scorer.unscannableReason(key);
        };
    }
}
