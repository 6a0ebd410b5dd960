package org.mailgate.classifier;

/** What kind of sensitive content a {@link Finding} reports. */
public enum FindingType {
    UK_NINO,
    UK_NHS_NUMBER,
    PAYMENT_CARD,
    UK_BANK_ACCOUNT,
    IBAN,
    UK_PASSPORT,
    UK_DRIVING_LICENCE,
    DATE_OF_BIRTH,
    UK_POSTCODE,
    UK_PHONE,
    PROTECTIVE_MARKING,
    SPECIAL_CATEGORY,
    /** A part that could not be scanned (encrypted, corrupt, limit hit, timeout): fail closed. */
    UNSCANNABLE_ATTACHMENT
}
