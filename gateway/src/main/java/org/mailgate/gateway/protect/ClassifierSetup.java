package org.mailgate.gateway.protect;

import java.util.List;
import org.mailgate.classifier.ClassifierSettings;
import org.mailgate.classifier.Confidence;
import org.mailgate.classifier.FindingType;
import org.mailgate.classifier.Level;
import org.mailgate.classifier.LevelRule;
import org.mailgate.config.GatewayConfig;

/** Maps the {@code classifier:} configuration onto the classifier's own settings. */
public final class ClassifierSetup {

    private ClassifierSetup() {
    }

    /** The classifier's own level rules, as configuration writes them: what applies when none are set. */
    public static List<GatewayConfig.LevelRule> builtInRules() {
        return ClassifierSettings.defaultRules().stream().map(r -> new GatewayConfig.LevelRule(r.type().name(),
                r.minConfidence().name(), r.minCount(), r.level().name())).toList();
    }

    public static ClassifierSettings settings(GatewayConfig config) {
        GatewayConfig.Classifier c = config.classifier();
        ClassifierSettings d = ClassifierSettings.defaults();
        List<LevelRule> rules = c.rules().isEmpty() ? d.levelRules() : c.rules().stream()
                .map(r -> new LevelRule(FindingType.valueOf(r.type()), Confidence.valueOf(r.minConfidence()),
                        r.minCount(), Level.valueOf(r.level())))
                .toList();
        return new ClassifierSettings(Math.max(d.maxMessageBytes(), config.smtp().maxMessageBytes() + 1024 * 1024),
                d.maxPartBytes(), (int) Math.min(Integer.MAX_VALUE, c.maxExtractedChars()), c.maxNestingDepth(),
                c.maxArchiveEntries(), c.maxExpansionRatio(), c.timeout().toMillis(), d.keywordWindow(),
                c.bulkIdentifierCount(), d.bulkLevel(), rules, c.workers(), d.workerMaxHeap());
    }
}
