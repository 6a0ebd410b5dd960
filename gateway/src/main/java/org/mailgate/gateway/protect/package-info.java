/**
 * Protection of mail bound outside: the processing stage ({@link org.mailgate.gateway.protect.ProtectionStage}:
 * classify, keep signers' certificates, ask the policy) and the executor that writes S/MIME
 * encrypted or signed copies to the spool. Also builds the S/MIME parts and the classifier's
 * settings from the configuration ({@code SmimeSetup}, {@code ClassifierSetup}).
 *
 * <p>Depends on {@code pipeline}, {@code policy}, {@code labels}, {@code spool}, {@code mail},
 * {@code metrics} and the certs and classifier modules. Must not depend on the stores (quarantine, portal) or on delivery.
 */
package org.mailgate.gateway.protect;
