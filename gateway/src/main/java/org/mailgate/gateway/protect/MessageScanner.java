package org.mailgate.gateway.protect;

import org.mailgate.classifier.Classification;
import org.mailgate.gateway.pipeline.SpooledMessage;

/** Classifies a spooled message. Implementations may throw; the stage then fails closed. */
@FunctionalInterface
public interface MessageScanner {

    Classification scan(SpooledMessage message) throws Exception;
}
