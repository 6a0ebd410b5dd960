/**
 * Sensitivity labels and protective markings that staff already put on mail: Microsoft Purview
 * labels in {@code msip_labels}, the older {@code X-Microsoft-Classification}, the Australian
 * {@code X-Protective-Marking}, and markings at the start of the subject. {@link
 * org.mailgate.gateway.labels.Labels} reads them from the parsed header section and maps each to
 * a level and an action from {@code labels:}, as {@link org.mailgate.gateway.policy.LabelMatch}
 * values that the policy acts on.
 *
 * <p>Depends on {@code mail} (the parsed headers), {@code policy} (the value it produces) and the
 * config module. No I/O; must not depend on the stores, the pipeline or delivery.
 */
package org.mailgate.gateway.labels;
