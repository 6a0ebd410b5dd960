package org.mailgate.classifier;

import java.util.List;

/**
 * One sensitive-information type: pattern, validation (checksum, format) and keyword context,
 * in the manner of Purview sensitive information types. Implementations are stateless and
 * thread-safe. {@code found} holds the hits of detectors that ran earlier on the same text,
 * which lets context-dependent detectors (special category) see nearby identifiers.
 */
interface Detector {
    void detect(Scan scan, List<Hit> found);
}
