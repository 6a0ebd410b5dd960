package org.mailgate.gateway.policy;

import java.util.List;

/**
 * What the policy needs to know of a classification: whether the message is sensitive, its
 * level, and which kinds of finding made it so (types only, never values).
 */
public record Sensitivity(boolean sensitive, String level, List<String> findingTypes, boolean subjectSensitive) {

    public static final Sensitivity NOT_CLASSIFIED = new Sensitivity(false, "NONE", List.of(), false);

    /**
     * Released from quarantine to go protected: treated as sensitive, whatever it contains, and
     * its subject as sensitive too (it is not classified again).
     */
    public static final Sensitivity RELEASED_PROTECTED = new Sensitivity(true, "REVIEWED", List.of(), true);

    public Sensitivity {
        findingTypes = List.copyOf(findingTypes);
    }

    String describe() {
        return "level " + level + (findingTypes.isEmpty() ? "" : " " + String.join(",", findingTypes));
    }
}
