package org.mailgate.gateway.protect;

import org.mailgate.classifier.ClassifierSettings;
import org.mailgate.config.GatewayConfig;

/** Maps the {@code classifier:} configuration onto the classifier's own settings. */
public final class Scanners {

    private Scanners() {
    }

    public static ClassifierSettings settings(GatewayConfig config) {
        GatewayConfig.Classifier c = config.classifier();
        ClassifierSettings d = ClassifierSettings.defaults();
        return new ClassifierSettings(Math.max(d.maxMessageBytes(), config.smtp().maxMessageBytes() + 1024 * 1024),
                d.maxPartBytes(), (int) Math.min(Integer.MAX_VALUE, c.maxExtractedChars()), c.maxNestingDepth(),
                c.maxArchiveEntries(), c.maxExpansionRatio(), c.timeout().toMillis(), d.keywordWindow(),
                d.bulkIdentifierCount(), d.bulkLevel(), d.levelRules(), c.workers(), d.workerMaxHeap());
    }
}
