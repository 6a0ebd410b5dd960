package org.mailgate.gateway.policy;

import java.util.List;

/**
 * What the policy needs to know of a classification: whether the message is sensitive, its
 * level, and which kinds of finding made it so (types only, never values).
 */
public record Sensitivity(boolean sensitive, String level, List<String> findingTypes, boolean subjectSensitive) {

    public static final Sensitivity NOT_CLASSIFIED = new Sensitivity(false, "NONE", List.of(), false);

    private static final String REVIEWED = "REVIEWED";

    public Sensitivity {
        findingTypes = List.copyOf(findingTypes);
    }

    /**
     * Released from quarantine by a reviewer to go protected: sensitive whatever it contains, and
     * never sent back to review. {@code subjectSensitive}: its subject holds personal data (or
     * could not be checked), so it is not shown outside the protection.
     */
    public static Sensitivity releasedProtected(boolean subjectSensitive) {
        return new Sensitivity(true, REVIEWED, List.of(), subjectSensitive);
    }

    /** A reviewer has already decided on this message ({@link #releasedProtected}). */
    public boolean reviewed() {
        return REVIEWED.equals(level);
    }

    String describe() {
        return "level " + level + (findingTypes.isEmpty() ? "" : " " + String.join(",", findingTypes));
    }
}
