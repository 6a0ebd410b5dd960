package org.mailgate.classifier;

import java.util.List;

/**
 * Context words, found once per segment by {@link KeywordIndex} and looked up by position.
 *
 * <p>Each phrase is matched case-insensitively anywhere in the text (so "ward" also matches
 * inside "towards", as the regexes these replaced did). Phrase syntax, kept deliberately small:
 * a space between words means one or more whitespace characters, {@code ~} zero or more,
 * {@code _} exactly one space; a leading {@code <} or trailing {@code >} requires a word
 * boundary there (like {@code \b}).
 */
enum Keywords {
    /**
     * Business references: a number right after one of these is an order/invoice number, not an
     * identifier. Common words in business mail that matter only just before a number, so they
     * are looked for there only ({@link #local}), not indexed over the whole text.
     */
    BUSINESS_REFERENCE(true, "invoice", "order", "<ref>", "reference", "tracking", "<po>", "purchase", "ticket", "<case>",
            "serial", "<sku>", "part~no", "batch", "booking", "quote", "quotation", "customer~no", "customer~number",
            "customer~id", "consignment", "licence~key", "transaction", "receipt"),
    NINO("national insurance", "<ni~no>", "<ni~number>", "<ni~num>", "<nino>", "<nin>", "insurance no", "insurance number"),
    NHS("<nhs>", "patient", "hospital", "<gp>", "clinic", "medical", "health", "<chi>", "referral", "ward", "surgery",
            "appointment"),
    CARD("<card", "visa", "master~card", "<amex>", "american express", "maestro", "<expir", "<exp>", "<cvv", "<cvc", "<cv2",
            "credit", "debit", "<pan>", "cardholder"),
    BANK("sort~code", "account~no", "account~number", "account~num", "<bank", "<bacs>", "<a/c>", "building society",
            "<acc~no", "<acc~number", "<acct~no", "<acct~number"),
    /** The label that may precede a sort code written without dashes ("sort code 20 45 77"). */
    SORT_CODE_LABEL("sort~code"),
    PASSPORT("passport"),
    DRIVING_LICENCE("driving licence", "driving license", "driver's licence", "driver's license", "drivers licence",
            "drivers license", "<dvla>", "licence no", "licence number", "license no", "license number"),
    DOB("date of birth", "<dob>", "<d.ob>", "<do.b>", "<d.o.b>", "<born>", "birth~date"),
    ADDRESS("address", "lives at", "resid", "home", "post~code", "<flat>", "<street>", "<road>", "<avenue>", "<lane>"),
    PERSONAL_PHONE("mobile", "<home phone", "<home tel", "<home number", "personal phone", "personal mobile",
            "personal number", "next of kin", "contact number"),
    /** Every protective-marking pattern contains one of these words. */
    MARKING("official", "secret"),

    // UK GDPR special categories and criminal offence data (SpecialCategoryDetector)
    MENTAL_HEALTH("mental health", "depression", "depressive", "anxiety", "<ptsd>", "schizophreni", "bipolar", "self-harm",
            "self_harm", "suicid", "eating disorder", "psychiatri", "psychosis", "sectioned", "<camhs>"),
    HEALTH("diagnosis", "diagnosed", "medical condition", "medical history", "medical record", "medication", "prescribed",
            "prescription", "<cancer>", "<hiv>", "diabetes", "diabetic", "epilep", "chemotherapy", "dementia", "pregnan",
            "fit note", "sick note", "sickness absence", "illness", "hospital admission", "admitted to hospital", "<stroke>",
            "clinical notes", "treatment for",
            "<referred to", "<gp referral", "<seizure"),
    SAFEGUARDING("safeguarding", "child protection", "child in need", "looked-after child", "looked_after child",
            "care order", "at risk of harm", "<abuse>", "neglect>", "domestic violence", "domestic abuse",
            "sexual exploitation", "<mash>", "went missing", "missing from home", "missing from care", "strategy meeting",
            "welfare concern", "self-neglect", "self_neglect", "adult protection", "<exploited>"),
    CRIMINAL_OFFENCE("criminal record", "convicted", "conviction", "arrested", "charged with", "<offence>", "<offences>",
            "<offender>", "<offenders>", "probation", "custodial sentence", "police caution", "on bail>", "<cautioned>",
            "<dbs>", "<sentenced", "<prison>", "<assault"),
    SEN_DISABILITY("special educational need", "<sen>", "<ehcp>", "<ehc plan", "<autism", "<autistic", "<adhd>", "dyslexi",
            "learning disabilit", "disabilit", "<disabled>", "<deaf>"),
    ETHNICITY("ethnicity", "ethnic origin", "racial origin"),
    RELIGION("religion", "religious belief", "<faith>", "<muslim>", "<jewish>", "<hindu>", "<sikh>", "<buddhist>"),
    SEXUAL_ORIENTATION("sexual orientation", "<gay>", "<lesbian>", "<bisexual>", "transgender", "gender reassignment"),
    TRADE_UNION("trade union", "union member"),
    BIOMETRIC_OR_GENETIC("biometric", "fingerprint", "genetic", "<dna>", "facial recognition", "retina");

    private final boolean local;
    private final List<String> phrases;

    Keywords(String... phrases) {
        this(false, phrases);
    }

    Keywords(boolean local, String... phrases) {
        this.local = local;
        this.phrases = List.of(phrases);
    }

    List<String> phrases() {
        return phrases;
    }

    /**
     * True if the set is looked for only inside the ranges detectors ask about ({@link
     * KeywordAutomaton#LOCAL}), not found in the whole text by the segment's one pass: then it
     * can be asked whether it occurs within a range, but not counted.
     */
    boolean local() {
        return local;
    }
}
