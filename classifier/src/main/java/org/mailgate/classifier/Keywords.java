package org.mailgate.classifier;

import java.util.regex.Pattern;

/** Context keywords shared by detectors. Case-insensitive. */
final class Keywords {
    private Keywords() {
    }

    /** Business references: a number right after one of these is an order/invoice number, not an identifier. */
    static final Pattern BUSINESS_REFERENCE = Scan.keywords(
            "invoice|order|\\bref\\b|reference|tracking|\\bpo\\b|purchase|ticket|\\bcase\\b|serial|\\bsku\\b|part\\s*no"
                    + "|batch|booking|quote|quotation|customer\\s*(?:no|number|id)|consignment|licence\\s*key|transaction|receipt");

    static final Pattern NINO = Scan.keywords(
            "national\\s+insurance|\\bNI\\s*(?:no|number|num)\\b|\\bNINO\\b|\\bNIN\\b|insurance\\s+(?:no|number)");

    static final Pattern NHS = Scan.keywords(
            "\\bNHS\\b|patient|hospital|\\bGP\\b|clinic|medical|health|\\bCHI\\b|referral|ward|surgery|appointment");

    static final Pattern CARD = Scan.keywords(
            "\\bcard|visa|master\\s*card|\\bamex\\b|american\\s+express|maestro|\\bexpir|\\bexp\\b|\\bcvv|\\bcvc|\\bcv2|credit|debit|\\bpan\\b|cardholder");

    static final Pattern BANK = Scan.keywords(
            "sort\\s*code|account\\s*(?:no|number|num)|\\bbank|\\bbacs\\b|\\ba/c\\b|building\\s+society|\\bacc(?:t)?\\s*(?:no|number)");

    static final Pattern PASSPORT = Scan.keywords("passport");

    static final Pattern DRIVING_LICENCE = Scan.keywords(
            "driving\\s+licen[cs]e|driver'?s\\s+licen[cs]e|\\bDVLA\\b|licen[cs]e\\s+(?:no|number)");

    static final Pattern DOB = Scan.keywords(
            "date\\s+of\\s+birth|\\bD\\.?O\\.?B\\b|\\bborn\\b|birth\\s*date");

    static final Pattern ADDRESS = Scan.keywords(
            "address|lives\\s+at|resid|home|post\\s*code|\\bflat\\b|\\bstreet\\b|\\broad\\b|\\bavenue\\b|\\blane\\b");

    static final Pattern PERSONAL_PHONE = Scan.keywords(
            "mobile|\\bhome\\s+(?:phone|tel|number)|personal\\s+(?:phone|mobile|number)|next\\s+of\\s+kin|contact\\s+number");
}
