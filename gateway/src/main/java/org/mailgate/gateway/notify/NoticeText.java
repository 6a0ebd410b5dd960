package org.mailgate.gateway.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.mailgate.gateway.pipeline.Outcome;
import org.mailgate.gateway.policy.Advice;
import org.mailgate.gateway.policy.HoldReason;
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

    /**
     * Everything the sender is told about one message, once it has been dealt with.
     *
     * @param outcomes   what became of each external recipient's copy
     * @param revokeLink the withdraw link of a recipient's portal copy
     * @param held       the quarantine item of the held copies; null when none is held
     * @param released   the item a reviewer released this message from; null when it was not one
     * @param advice     what the sender should check although the message went (an unusual recipient, a label)
     * @param confirmUrl the link that sends copies waiting for the sender; null when none waits
     * @param confirmBy  when waiting copies are withdrawn if the sender has not answered
     */
    record Report(String subject, boolean subjectSensitive, Instant sent, List<Outcome> outcomes,
            Function<String, String> revokeLink, QuarantineItem held, String withdrawUrl, QuarantineItem released,
            List<Advice> advice, String confirmUrl, Instant confirmBy) {
    }

    /** The one notice per message: per recipient what happened, then why and what the sender can do. */
    Text report(Report r) {
        List<Outcome> held = r.outcomes().stream().filter(o -> o.route() == Outcome.Route.HELD).toList();
        boolean someSent = held.size() < r.outcomes().size();
        boolean waiting = !held.isEmpty() && held.stream().allMatch(NoticeText::waitsForSender);
        boolean protectedOrHeld = !held.isEmpty() || r.outcomes().stream().anyMatch(o -> o.route() == Outcome.Route.PORTAL
                || o.route() == Outcome.Route.ENCRYPTED || o.route() == Outcome.Route.VERIFIED_TLS);
        String named = r.subjectSensitive() ? "sent on " + day(r.sent()) + " to " + first(r.outcomes())
                : quoted(r.subject());
        StringBuilder b = new StringBuilder("Hello,\n\n");
        if (r.released() != null && r.released().sender().equalsIgnoreCase(nullToEmpty(r.released().decidedBy()))) {
            b.append("You confirmed your message ").append(named).append(",\nand it has been sent.\n");
        } else if (r.released() != null) {
            b.append("Your message ").append(named).append(", held for review on ").append(day(r.released().held()))
                    .append(",\nhas been released by ").append(TEAM).append(" (").append(r.released().decidedBy())
                    .append(").\n");
            reviewerNote(b, nullToEmpty(r.released().decisionNote()), "The reviewer's note:");
        } else if (waiting) {
            b.append("Your message ").append(named).append(" is waiting for you: one or more recipients\n")
                    .append("looked unusual for you, and mail sent to the wrong person cannot be taken back.\n");
        } else if (protectedOrHeld) {
            b.append("Your message ").append(named).append(" had personal or sensitive information in it,\n")
                    .append("so the mail gateway did not send it by ordinary e-mail to everyone.\n");
        } else {
            b.append("Your message ").append(named).append(" has been sent, but the mail gateway noticed\n")
                    .append("something you may want to check.\n");
        }
        b.append("\nWhat happened for each recipient\n\n");
        for (Outcome o : r.outcomes()) {
            b.append("  ").append(o.recipient()).append('\n');
            wrap(b, route(o, r.revokeLink()), "    ");
        }
        if (!r.advice().isEmpty()) {
            b.append("\nPlease check\n\n");
            for (Advice a : r.advice()) {
                StringBuilder item = new StringBuilder();
                wrap(item, (a.recipient().isEmpty() ? "" : a.recipient() + ": ") + a.text(), "    ");
                b.append("  - ").append(item, 4, item.length());
            }
        }
        if (waiting) {
            int n = held.size();
            b.append("\nWhat you can do\n\n")
                    .append("The gateway keeps the ").append(n == 1 ? "copy" : n + " copies")
                    .append(" for ").append(n == 1 ? "this recipient" : "these recipients")
                    .append(" until you say what to do. The other recipients'\ncopies have gone as usual.\n\n")
                    .append("  - If the address is right, reply with the single word \"send\", or open\n")
                    .append("    this link:\n")
                    .append("    ").append(r.confirmUrl()).append("\n\n")
                    .append("  - If it is wrong, reply with the single word \"withdraw\", or open this link:\n")
                    .append("    ").append(r.withdrawUrl()).append("\n\n")
                    .append("If you do nothing by ").append(time(r.confirmBy()))
                    .append(", it will be withdrawn and not sent,\nand you will be told.\n\n")
                    .append("Please do not forward this notice: its reply address and links work for this\n")
                    .append("message only, and are meant for you alone.\n\n");
            footer(b, r.held());
        } else if (!held.isEmpty()) {
            FindingSummary found = FindingSummary.of(r.held().classification());
            b.append("\nWhy ").append(held.size() == 1 ? "it was" : "they were").append(" held\n\n");
            if (!found.findings().isEmpty()) {
                b.append("The mail gateway checks mail leaving the organisation for personal and\n")
                        .append("sensitive information. In this message it found:\n\n");
                found.findings().forEach(f -> b.append("  - ").append(f).append('\n'));
                b.append('\n');
            }
            if (!found.unscannable().isEmpty()) {
                b.append("Some parts could not be checked (they may be encrypted, password-protected\n")
                        .append("or damaged), so the gateway cannot tell what they contain:\n\n");
                found.unscannable().forEach(u -> b.append("  - ").append(u).append('\n'));
                b.append('\n');
            }
            Instant expires = r.held().held().plus(retention);
            b.append("What happens next\n\n")
                    .append("Someone from ").append(TEAM).append(" will look at the held ")
                    .append(held.size() == 1 ? "copy" : "copies").append(". If they\n")
                    .append("release it, it will be sent and you will be told. If they decide it should not\n")
                    .append("go, you will be told why. If nobody has decided by ").append(day(expires)).append("\n(")
                    .append(retention.toDays()).append(" days after it was held), it will be deleted without being sent.\n\n")
                    .append("What you can do\n\n")
                    .append("  - To explain why it needs to go, reply to this email with your reasons.\n")
                    .append("    The reviewers will see your reply next to the message.\n\n")
                    .append("  - If you think the gateway got it wrong, reply starting with the words\n")
                    .append("    \"false positive\", and say why if you can.\n\n")
                    .append("  - To take the held ").append(held.size() == 1 ? "copy" : "copies")
                    .append(" back (sent by mistake, or you will send it another\n")
                    .append("    way), reply with the single word \"withdraw\", or open this link:\n")
                    .append("    ").append(r.withdrawUrl()).append("\n\n")
                    .append("Please do not forward this notice: its reply address and links work for this\n")
                    .append("message only, and are meant for you alone.\n\n");
            footer(b, r.held());
        } else {
            b.append(someSent && r.outcomes().stream().anyMatch(o -> o.route() == Outcome.Route.PORTAL)
                    ? "\nPlease do not forward this notice: its withdraw links are meant for you alone.\n\n" : "\n");
            b.append("-- \n").append(NoticeMail.FROM_NAME).append('\n');
        }
        String shown = r.subjectSensitive() ? "your message to " + first(r.outcomes()) : plain(r.subject());
        String prefix = r.released() != null ? "Released: " : waiting ? "Please confirm: "
                : !held.isEmpty() ? (someSent ? "Partly held for review: " : "Held for review: ")
                : protectedOrHeld ? "Sent securely: " : "Sent, please check: ";
        return new Text(prefix + shown, b.toString());
    }

    /** What happened to one copy, in a sentence or two. */
    private String route(Outcome o, Function<String, String> revokeLink) {
        return switch (o.route()) {
            case HELD -> waitsForSender(o) ? "Waiting for you: " + heldBecause(o.hold()) + " It has not been sent."
                    : "Held for review: " + heldBecause(o.hold()) + " It has not been sent.";
            case PORTAL -> "Sent through the secure web portal: they have been e-mailed a link to read it "
                    + "after proving who they are with a one-time code. You will be told when they "
                    + "first open it. To withdraw it: " + revokeLink.apply(o.recipient());
            case ENCRYPTED -> "Sent encrypted (S/MIME) for their own certificate: only they can read it.";
            case VERIFIED_TLS -> "Sent over an encrypted connection to a trusted partner whose certificate was "
                    + "checked (verified TLS).";
            case DELIVER -> "Sent as it was: nothing needed protecting for this recipient.";
            case CONSUMED -> "Not a recipient: it was an address of the mail gateway itself.";
        };
    }

    private static boolean waitsForSender(Outcome o) {
        return o.hold() != null && o.hold().rule() == HoldReason.Rule.AWAITING_SENDER;
    }

    /** Why a copy was held, for its sender: the rule in plain words, never a detected value. */
    static String heldBecause(HoldReason why) {
        if (why == null) {
            return "it needs to be checked before it goes.";
        }
        return switch (why.rule()) {
            case QUARANTINE_DOMAIN -> "sensitive mail to " + why.detail() + " is always checked by " + TEAM
                    + " before it goes.";
            case QUARANTINE_FINDING_TYPE -> "it has information of a kind that " + TEAM
                    + " always checks before it leaves (" + names(why.detail()) + ").";
            case UNSCANNABLE -> "part of it could not be checked, so nobody can tell what it holds.";
            case LABEL_REVIEW -> "its sensitivity label (" + why.detail() + ") means " + TEAM
                    + " checks it before it goes.";
            case MISDIRECTED -> "this recipient looked unusual for you (" + why.detail() + "), so " + TEAM
                    + " will check it before it goes.";
            case AWAITING_SENDER -> "this recipient looked unusual for you (" + why.detail() + ").";
            case REVIEW_WITHOUT_CERTIFICATE -> "there is no encryption certificate for this recipient, and the "
                    + "organisation's policy is that such mail is checked by " + TEAM + " first.";
            case NOT_CLASSIFIED -> "the gateway could not finish checking the message, so it held it to be safe.";
            case ENCRYPTION_FAILED -> "encrypting it for this recipient did not work, and it is never sent "
                    + "unprotected.";
            case PORTAL_FAILED -> "the secure web portal could not take it, and it is never sent unprotected.";
            case NOT_CARRIED_OUT, UNRECORDED -> "it could not be sent securely, and it is never sent unprotected.";
        };
    }

    private static String names(String types) {
        return String.join(", ", java.util.Arrays.stream(types.split(",\\s*")).filter(t -> !t.isBlank())
                .map(FindingSummary::name).toList());
    }

    private static String first(List<Outcome> outcomes) {
        String first = outcomes.isEmpty() ? "(nobody)" : outcomes.get(0).recipient();
        return outcomes.size() > 1 ? first + " and " + (outcomes.size() - 1) + " more" : first;
    }

    /** Appends text indented, its lines folded at word boundaries to fit 76 columns (links stay whole). */
    private static void wrap(StringBuilder b, String text, String indent) {
        int width = 76 - indent.length();
        for (String line : text.lines().toList()) {
            StringBuilder out = new StringBuilder();
            for (String word : line.split(" ")) {
                if (out.length() > 0 && out.length() + 1 + word.length() > width) {
                    b.append(indent).append(out).append('\n');
                    out.setLength(0);
                }
                out.append(out.length() > 0 ? " " : "").append(word);
            }
            b.append(indent).append(out).append('\n');
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s.strip();
    }

    /** The second notice: what was decided, and the reviewer's reason. */
    Text decided(QuarantineItem item, boolean repliesReachTheTeam) {
        StringBuilder b = new StringBuilder("Hello,\n\n");
        boolean hidden = FindingSummary.of(item.classification()).subjectSensitive();
        String subject = hidden ? "to " + String.join(", ", item.recipients()) : quoted(item.subject());
        String note = item.decisionNote() == null ? "" : item.decisionNote().strip();
        String prefix;
        switch (item.status()) {
            case RELEASED -> {
                prefix = "Released: ";
                if (item.sender().equalsIgnoreCase(nullToEmpty(item.decidedBy()))) {
                    prefix = "Sent as you confirmed: ";
                    b.append("You confirmed your message ").append(subject).append(",\nand it is on its way to:\n\n");
                    recipients(b, item.recipients());
                    b.append("\nIt is being sent as it was: nothing in it needed protecting.\n");
                    break;
                }
                b.append("Your message ").append(subject).append(", held for review on ").append(day(item.held()))
                        .append(",\nhas been released by ").append(TEAM).append(" and is on its way to:\n\n");
                recipients(b, item.recipients());
                b.append('\n').append("CLEAR".equals(item.releaseMode())
                        ? "It is being sent as it was, without encryption: the reviewer decided that\nwas acceptable.\n"
                        : "It is being sent protected. A separate notice says how it reached each recipient.\n");
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
                if (item.rules().contains(HoldReason.Rule.AWAITING_SENDER)
                        && !item.sender().equalsIgnoreCase(nullToEmpty(item.decidedBy()))) {
                    prefix = "Withdrawn, not confirmed: ";
                    b.append("Your message ").append(subject).append(" waited for you to confirm an unusual\n")
                            .append("recipient, and no answer came in time, so it has been withdrawn.\n");
                } else {
                    b.append("You withdrew your message ").append(subject).append(".\n");
                }
                b
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
        return new Text(prefix + (hidden ? "your message to " + item.recipients().get(0) : plain(item.subject())),
                b.toString());
    }

    /** Tells a sender their justification or "false positive" reached the reviewers. */
    Text acknowledged(QuarantineItem item, NoteKind kind, boolean reviewersTold) {
        boolean hidden = FindingSummary.of(item.classification()).subjectSensitive();
        String named = hidden ? "to " + String.join(", ", item.recipients()) : quoted(item.subject());
        StringBuilder b = new StringBuilder("Hello,\n\n");
        b.append("Thank you. Your reply about your message ").append(named).append(" has reached\n")
                .append(TEAM).append(": it is shown to the reviewers next to the message")
                .append(reviewersTold ? ",\nand they have been told of it.\n\n" : ".\n\n")
                .append(kind == NoteKind.FALSE_POSITIVE
                        ? "You said the gateway got it wrong (a false positive). The reviewers will look at\n"
                                + "what it found and decide.\n\n"
                        : "You explained why it needs to go. The reviewers will take that into account.\n\n")
                .append("You will get another e-mail when they decide. Until then, you can add to what\n")
                .append("you said by replying to this e-mail, or take the message back by replying with\n")
                .append("the single word \"withdraw\".\n\n");
        footer(b, item);
        return new Text("Reply received: " + (hidden ? "your message to " + item.recipients().get(0)
                : plain(item.subject())), b.toString());
    }

    /** Tells the reviewers that a sender has replied; includes the sender's own words (internal mail). */
    Text senderReplied(QuarantineItem item, NoteKind kind, String words, String reviewUrl) {
        String what = kind == NoteKind.FALSE_POSITIVE ? "says the findings are wrong (false positive)"
                : "gave a justification";
        boolean hidden = FindingSummary.of(item.classification()).subjectSensitive();
        String subject = hidden ? "(not shown: it holds personal data)" : item.subject();
        StringBuilder b = new StringBuilder();
        b.append("The sender of held item ").append(item.id()).append(" replied to their notice and ")
                .append(what).append(".\n\n")
                .append("  Sender:    ").append(item.sender()).append('\n')
                .append("  Subject:   ").append(subject).append('\n')
                .append("  Held for:  ").append(String.join(", ", item.recipients())).append("\n\n")
                .append("Their words:\n\n");
        words.lines().forEach(l -> b.append("  ").append(l).append('\n'));
        b.append("\nReview it at ").append(reviewUrl).append("\n\n")
                .append("Replying to this email writes to the sender.\n");
        return new Text("Sender replied to held item " + item.id() + (hidden ? "" : ": " + plain(item.subject())),
                b.toString());
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

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("h:mma 'on' EEEE d MMMM", Locale.UK);

    private String time(Instant at) {
        return at == null ? "the deadline" : TIME.format(at.atZone(zone)).replace("AM", "am").replace("PM", "pm");
    }

    private String day(Instant at) {
        return DAY.format(at.atZone(zone));
    }
}
