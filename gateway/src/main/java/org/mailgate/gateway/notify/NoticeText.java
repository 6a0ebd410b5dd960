package org.mailgate.gateway.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.mailgate.gateway.quarantine.QuarantineItem;
import org.mailgate.gateway.quarantine.QuarantineItem.NoteKind;

/**
 * The words of every notice, in plain English for people who have never heard of the gateway.
 * Pure functions of the item and a few settings, so the wording can be read and tested in one
 * place. Nothing here may quote the held message's content.
 */
final class NoticeText {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);
    private static final String TEAM = "the Information Assurance team";

    /** A notice's subject and body. */
    record Text(String subject, String body) {
    }

    private final ZoneId zone;
    private final Duration retention;

    NoticeText(ZoneId zone, Duration retention) {
        this.zone = zone;
        this.retention = retention;
    }

    Text held(QuarantineItem item, String withdrawUrl) {
        HoldReasons why = HoldReasons.of(item);
        StringBuilder b = new StringBuilder();
        b.append("Hello,\n\n")
                .append("Your message ").append(quoted(item.subject())).append(" has been held for review.\n")
                .append("It has not been sent to:\n\n");
        recipients(b, item.recipients());
        b.append("\nWhy it was held\n\n");
        if (!why.findings().isEmpty()) {
            b.append("The mail gateway checks mail leaving the organisation for personal and\n")
                    .append("sensitive information. In this message it found:\n\n");
            why.findings().forEach(f -> b.append("  - ").append(f).append('\n'));
            b.append('\n');
        }
        if (!why.unscannable().isEmpty()) {
            b.append("Some parts could not be checked (they may be encrypted, password-protected\n")
                    .append("or damaged), so the gateway cannot tell what they contain:\n\n");
            why.unscannable().forEach(u -> b.append("  - ").append(u).append('\n'));
            b.append('\n');
        }
        if (why.askedForProtection()) {
            b.append("You asked for it to be sent securely (the subject had a marker such as [secure]).\n\n");
        }
        if (why.notChecked()) {
            b.append("The gateway could not finish checking the message, so it has held it to be safe.\n\n");
        }
        if (why.encryptionFailed()) {
            b.append("Encrypting it for the recipients above did not work, so it could not be sent securely.\n\n");
        } else if (why.noCertificate()) {
            b.append("There is no way to send it securely to the recipients above: the gateway has no\n")
                    .append("encryption certificate for them, and it never sends such mail unprotected.\n\n");
        }
        Instant expires = item.held().plus(retention);
        b.append("What happens next\n\n")
                .append("Someone from ").append(TEAM).append(" will look at the message. If they\n")
                .append("release it, it will be sent and you will be told. If they decide it should not\n")
                .append("go, you will be told why. If nobody has decided by ").append(day(expires)).append("\n(")
                .append(retention.toDays()).append(" days after it was held), it will be deleted without being sent.\n\n")
                .append("What you can do\n\n")
                .append("  - To explain why it needs to go, reply to this email with your reasons.\n")
                .append("    The reviewers will see your reply next to the message.\n\n")
                .append("  - If you think the gateway got it wrong, reply starting with the words\n")
                .append("    \"false positive\", and say why if you can.\n\n")
                .append("  - To take the message back (sent by mistake, or you will send it another\n")
                .append("    way), reply with the single word \"withdraw\", or open this link:\n")
                .append("    ").append(withdrawUrl).append("\n\n")
                .append("Please do not forward this notice: its reply address and link work for this\n")
                .append("message only, and are meant for you alone.\n\n");
        footer(b, item);
        return new Text("Held for review: " + plain(item.subject()), b.toString());
    }

    /** The second notice: what was decided, and the reviewer's reason. */
    Text decided(QuarantineItem item, boolean repliesReachTheTeam) {
        StringBuilder b = new StringBuilder("Hello,\n\n");
        String subject = quoted(item.subject());
        String note = item.decisionNote() == null ? "" : item.decisionNote().strip();
        String prefix;
        switch (item.status()) {
            case RELEASED -> {
                prefix = "Released: ";
                b.append("Your message ").append(subject).append(", held for review on ").append(day(item.held()))
                        .append(",\nhas been released by ").append(TEAM).append(" and is on its way to:\n\n");
                recipients(b, item.recipients());
                b.append('\n').append("CLEAR".equals(item.releaseMode())
                        ? "It is being sent as it was, without encryption: the reviewer decided that\nwas acceptable.\n"
                        : "It is being sent protected: encrypted, or over a verified secure connection.\n");
                reviewerNote(b, note, "The reviewer's note:");
            }
            case REJECTED -> {
                prefix = "Not sent: ";
                b.append("Your message ").append(subject).append(", held for review on ").append(day(item.held()))
                        .append(",\nwill not be sent. ").append(capitalised(TEAM))
                        .append(" decided it should not go to:\n\n");
                recipients(b, item.recipients());
                reviewerNote(b, note, "Their reason:");
                b.append("\nIf it still needs to reach them, please ask ").append(TEAM)
                        .append(" for a secure\nway to send it.\n");
            }
            case WITHDRAWN -> {
                prefix = "Withdrawn: ";
                b.append("You withdrew your message ").append(subject).append(".\n")
                        .append("It has not been sent, and will not be sent, to:\n\n");
                recipients(b, item.recipients());
                b.append("\nNothing more will happen with it; you do not need to do anything.\n");
            }
            case EXPIRED -> {
                prefix = "Not sent (expired): ";
                b.append("Your message ").append(subject).append(" was held for review on ").append(day(item.held()))
                        .append("\nand nobody decided on it within ").append(retention.toDays())
                        .append(" days, so it has been deleted without being\nsent to:\n\n");
                recipients(b, item.recipients());
                b.append("\nIf it still needs to go, please send it again, or ask ").append(TEAM)
                        .append(" for\nhelp.\n");
            }
            default -> throw new IllegalArgumentException("item " + item.id() + " is still " + item.status());
        }
        b.append('\n').append(repliesReachTheTeam ? "Questions? Reply to this email to reach " + TEAM + ".\n"
                : "Replies to this notice are not read.\n").append('\n');
        footer(b, item);
        return new Text(prefix + plain(item.subject()), b.toString());
    }

    /** Tells the reviewers that a sender has replied; includes the sender's own words (internal mail). */
    Text senderReplied(QuarantineItem item, NoteKind kind, String words, String reviewUrl) {
        String what = kind == NoteKind.FALSE_POSITIVE ? "says the findings are wrong (false positive)"
                : "gave a justification";
        StringBuilder b = new StringBuilder();
        b.append("The sender of held item ").append(item.id()).append(" replied to their notice and ")
                .append(what).append(".\n\n")
                .append("  Sender:    ").append(item.sender()).append('\n')
                .append("  Subject:   ").append(item.subject()).append('\n')
                .append("  Held for:  ").append(String.join(", ", item.recipients())).append("\n\n")
                .append("Their words:\n\n");
        words.lines().forEach(l -> b.append("  ").append(l).append('\n'));
        b.append("\nReview it at ").append(reviewUrl).append("\n\n")
                .append("Replying to this email writes to the sender.\n");
        return new Text("Sender replied to held item " + item.id() + ": " + plain(item.subject()), b.toString());
    }

    private static void recipients(StringBuilder b, List<String> recipients) {
        recipients.forEach(r -> b.append("  ").append(r).append('\n'));
    }

    private static void reviewerNote(StringBuilder b, String note, String heading) {
        if (!note.isEmpty()) {
            b.append('\n').append(heading).append("\n\n");
            note.lines().forEach(l -> b.append("  ").append(l).append('\n'));
        }
    }

    private static void footer(StringBuilder b, QuarantineItem item) {
        b.append("Reference: held item ").append(item.id()).append("\n\n-- \n").append(NoticeMail.FROM_NAME)
                .append('\n');
    }

    private static String quoted(String subject) {
        return subject == null || subject.isBlank() ? "(with no subject)" : "\"" + subject.strip() + "\"";
    }

    private static String plain(String subject) {
        return subject == null || subject.isBlank() ? "(no subject)" : subject.strip();
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private String day(Instant at) {
        return DAY.format(at.atZone(zone));
    }
}
