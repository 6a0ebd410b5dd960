package org.mailgate.classifier;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who an identifier is about, judged in its sentence (or table row) and paragraph: a person
 * ({@link People}), a business (a company, an invoice or remittance, an office switchboard, the
 * council's own signature, an officer's job title), or nobody said. A person named in the same sentence wins over
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
                    + "|\\b(?:[A-Z][a-z]+ )+(?:City |County |Borough |District |Town |Parish )?Council\\b|Civic Centre|Town Hall"
                    // a job title in a signature: the number is the officer's work number
                    + "|\\b(?:[A-Z][a-z]+ )*(?:Officer|Manager|Assistant|Co-?ordinator|Adviser|Advisor|Director|Clerk|Administrator"
                    + "|Team Leader|Assessor|Practitioner)\\b");
    private static final Pattern PAYMENT = Pattern.compile(
            "(?i)\\b(?:benefits?|allowances?|pensions?|salary|salaries|wages?|payroll|refunds?|reimburse\\w*|expenses"
                    + "|universal credit|direct payments?|bursary|grant payment|compensation|maintenance payments?|payslip"
                    + "|into (?:his|her|their) (?:bank )?account|(?:his|her|their) (?:bank|account|iban))\\b");

    private Subjects() {
    }

    static Judgement of(String text, int start, int end) {
        TextUnits.Unit sentence = TextUnits.sentence(text, start, end);
        TextUnits.Unit paragraph = TextUnits.paragraph(text, start, end);
        People.Mention inSentence = People.about(text, sentence, paragraph);
        boolean paymentInSentence = find(PAYMENT, text, sentence) != null;
        String businessInSentence = find(BUSINESS, text, sentence);
        if (inSentence != null && (businessInSentence == null || paymentInSentence)) {
            return new Judgement(Kind.PERSON, "about a person (" + inSentence.how() + " in the sentence)", inSentence,
                    paymentInSentence);
        }
        People.Mention inParagraph = People.first(text, paragraph.start(), paragraph.end());
        boolean payment = paymentInSentence || find(PAYMENT, text, paragraph) != null;
        if (inParagraph != null && payment && businessInSentence == null) {
            return new Judgement(Kind.PERSON, "payment to a person (" + inParagraph.how() + " in the paragraph)", inParagraph, true);
        }
        String business = businessInSentence != null ? businessInSentence : find(BUSINESS, text, paragraph);
        People.Mention labelled = People.labelled(text, paragraph.start(), paragraph.end());
        if (labelled != null && business == null) {
            return new Judgement(Kind.PERSON, "about a person (labelled name in the paragraph)", labelled, payment);
        }
        if (business == null && inParagraph == null) {
            // Nobody in the paragraph (HTML mail makes every line one): a payment to a person just
            // before it, else the business words around it (a remittance, a signature).
            TextUnits.Unit before = new TextUnits.Unit(Math.max(0, start - TextUnits.CAP), start);
            People.Mention earlier = People.first(text, before.start(), before.end());
            if (earlier != null && find(PAYMENT, text, before) != null && find(BUSINESS, text, before) == null) {
                return new Judgement(Kind.PERSON, "payment to a person (" + earlier.how() + " just before)", earlier, true);
            }
            business = find(BUSINESS, text, new TextUnits.Unit(before.start(), Math.min(text.length(), end + TextUnits.CAP)));
        }
        if (business != null) {
            return new Judgement(Kind.BUSINESS, "business context (" + business.strip().toLowerCase(java.util.Locale.ROOT) + ")",
                    null, payment);
        }
        if (inParagraph != null) {
            return new Judgement(Kind.PERSON, "about a person (" + inParagraph.how() + " in the paragraph)", inParagraph, payment);
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
