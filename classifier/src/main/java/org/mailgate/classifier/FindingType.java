package org.mailgate.classifier;

/**
 * What kind of sensitive content a {@link Finding} reports. The one list of finding types: the
 * configuration, the notices and the review UI take their names and descriptions from here.
 */
public enum FindingType {
    UK_NINO("National Insurance numbers"),
    UK_NHS_NUMBER("NHS numbers"),
    PAYMENT_CARD("payment card numbers"),
    UK_BANK_ACCOUNT("bank account details"),
    IBAN("international bank account numbers (IBAN)"),
    UK_PASSPORT("passport numbers"),
    UK_DRIVING_LICENCE("driving licence numbers"),
    DATE_OF_BIRTH("dates of birth"),
    UK_POSTCODE("postcodes"),
    UK_PHONE("phone numbers"),
    PROTECTIVE_MARKING("protective markings, such as OFFICIAL-SENSITIVE"),
    SPECIAL_CATEGORY("special category information, such as health or safeguarding details"),
    /** A part that could not be scanned (encrypted, corrupt, limit hit, timeout): fail closed. */
    UNSCANNABLE_ATTACHMENT("parts that could not be checked");

    private final String description;

    FindingType(String description) {
        this.description = description;
    }

    /** What a person reads for this type, in the plural: "National Insurance numbers". */
    public String description() {
        return description;
    }

    /**
     * What a stored type name means in words ("National Insurance numbers" for {@code UK_NINO});
     * a name this version does not know, in lower-case words.
     */
    public static String describe(String name) {
        try {
            return valueOf(name).description();
        } catch (IllegalArgumentException | NullPointerException e) {
            return String.valueOf(name).toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }
}
