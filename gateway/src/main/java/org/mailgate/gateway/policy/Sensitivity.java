package org.mailgate.gateway.policy;

import java.util.List;

/**
 * What the policy needs to know of a classification: whether the message is sensitive, its
 * level, which kinds of finding made it so (types only, never values), and the sensitivity
 * labels and markings found on it ({@link #withLabels}).
 */
public record Sensitivity(boolean sensitive, String level, List<String> findingTypes, boolean subjectSensitive,
        List<LabelMatch> labels) {

    public static final Sensitivity NOT_CLASSIFIED = new Sensitivity(false, "NONE", List.of(), false);

    private static final String REVIEWED = "REVIEWED";
    private static final List<String> LEVELS = List.of("NONE", "LOW", "MEDIUM", "HIGH");

    public Sensitivity {
        findingTypes = List.copyOf(findingTypes);
        labels = List.copyOf(labels);
    }

    public Sensitivity(boolean sensitive, String level, List<String> findingTypes, boolean subjectSensitive) {
        this(sensitive, level, findingTypes, subjectSensitive, List.of());
    }

    /**
     * The content's sensitivity with the message's labels: a label whose action is protect (or
     * review) makes the message sensitive even when the content looks harmless, and the higher
     * of the label's and the content's level applies; a lower label never lowers the result.
     */
    public Sensitivity withLabels(List<LabelMatch> found) {
        boolean raise = false;
        String top = level;
        for (LabelMatch l : found) {
            if (l.protects() || l.review()) {
                raise = true;
                if (rank(l.level()) > rank(top)) {
                    top = l.level();
                }
            }
        }
        return new Sensitivity(sensitive || raise, top, findingTypes, subjectSensitive, found);
    }

    /** The first label that asks for review by the Information Assurance team. */
    public java.util.Optional<LabelMatch> reviewLabel() {
        return labels.stream().filter(LabelMatch::review).findFirst();
    }

    /** The labels that ask for protection. */
    public List<LabelMatch> protectingLabels() {
        return labels.stream().filter(l -> l.protects() || l.review()).toList();
    }

    /**
     * The configured labels whose level is lower than what the content shows ({@code contentLevel}):
     * the sender labelled the message too low.
     */
    public List<LabelMatch> labelsBelow(String contentLevel) {
        return labels.stream().filter(l -> l.configured() && rank(l.level()) < rank(contentLevel)).toList();
    }

    /** The order of levels: NONE 0 … HIGH 3; anything else (REVIEWED) ranks highest. */
    public static int rank(String level) {
        int i = LEVELS.indexOf(level);
        return i < 0 ? LEVELS.size() : i;
    }

    /**
     * Released from quarantine by a reviewer to go protected: sensitive whatever it contains, and
     * never sent back to review. {@code subjectSensitive}: its subject holds personal data (or
     * could not be checked), so it is not shown outside the protection.
     */
    public static Sensitivity releasedProtected(boolean subjectSensitive) {
        return new Sensitivity(true, REVIEWED, List.of(), subjectSensitive, List.of());
    }

    /** A reviewer has already decided on this message ({@link #releasedProtected}). */
    public boolean reviewed() {
        return REVIEWED.equals(level);
    }

    String describe() {
        List<LabelMatch> protecting = protectingLabels();
        return "level " + level + (findingTypes.isEmpty() ? "" : " " + String.join(",", findingTypes))
                + (protecting.isEmpty() ? "" : "; labelled " + String.join(", ",
                        protecting.stream().map(LabelMatch::describe).toList()));
    }
}
