package org.mailgate.classifier;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who an identifier is about, judged in its sentence (or table row) and paragraph: a person
 * ({@link People}), a business (a company, an invoice or remittance, an office switchboard, the
 * council's own signature), or nobody said. A person named in the same sentence wins over
 * business words elsewhere in the paragraph; a payment to a person (benefits, pension, salary,
 * refund) wins over business words in the same sentence.
 */
final class Subjects {
    enum Kind { PERSON, BUSINESS, UNKNOWN }

    /** What a finding is about and the words that decided it (shown in evidence, never a value). */
    record Judgement(Kind kind, String rule, People.Mention person, boolean payment) {
    }

    private static final Pattern BUSINESS = Pattern.compile(
            "(?i:\\b(?:ltd|limited|plc|llp|inc|invoices?|invoiced|remittance|supplier|suppliers|vendor|creditor"
                    + "|our (?:bank|account|sort code|details|iban|payment details)|switchboard|main office|head office|reception"
                    + "|customer services|company (?:no|number|reg)|vat (?:reg|no|number)|registered (?:office|in england)"
                    + "|contact centre|call centre|helpline|out of hours|opening hours|www\\.)\\b?)"
                    + "|\\b(?:[A-Z][a-z]+ )+(?:City |County |Borough |District |Town |Parish )?Council\\b|Civic Centre|Town Hall");
    static final Pattern PAYMENT = Pattern.compile(
            "(?i)\\b(?:benefits?|allowances?|pensions?|salary|salaries|wages?|payroll|refunds?|reimburse\\w*|expenses"
                    + "|universal credit|direct payments?|bursary|grant payment|compensation|maintenance payments?|payslip"
                    + "|into (?:his|her|their) (?:bank )?account|(?:his|her|their) (?:bank|account|iban))\\b");

    private Subjects() {
    }

    static Judgement of(String text, int start, int end) {
        TextUnits.Unit sentence = TextUnits.sentence(text, start, end);
        TextUnits.Unit paragraph = TextUnits.paragraph(text, start, end);
        People.Mention person = People.about(text, sentence, paragraph);
        boolean personInSentence = person != null && sentence.contains(person.start());
        if (person == null) {
            person = People.labelled(text, paragraph.start(), paragraph.end());
        }
        boolean paymentInSentence = find(PAYMENT, text, sentence) != null;
        boolean payment = paymentInSentence || find(PAYMENT, text, paragraph) != null;
        String businessInSentence = find(BUSINESS, text, sentence);
        if (personInSentence && (businessInSentence == null || paymentInSentence)) {
            return new Judgement(Kind.PERSON, "about a person (" + person.how() + " in the sentence)", person, payment);
        }
        String business = businessInSentence != null ? businessInSentence : find(BUSINESS, text, paragraph);
        if (person != null && payment && businessInSentence == null) {
            return new Judgement(Kind.PERSON, "payment to a person (" + person.how() + " in the paragraph)", person, true);
        }
        if (business != null) {
            return new Judgement(Kind.BUSINESS, "business context (" + business.strip().toLowerCase(java.util.Locale.ROOT) + ")",
                    null, payment);
        }
        if (person != null) {
            return new Judgement(Kind.PERSON, "about a person (" + person.how() + " in the paragraph)", person, payment);
        }
        return new Judgement(Kind.UNKNOWN, "nobody named", null, payment);
    }

    private static String find(Pattern p, String text, TextUnits.Unit u) {
        Matcher m = p.matcher(text);
        m.region(u.start(), u.end());
        m.useTransparentBounds(true);
        return m.find() ? m.group() : null;
    }
}
