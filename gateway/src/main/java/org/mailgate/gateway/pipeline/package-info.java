/**
 * The path of a message after the spool and before delivery: {@link org.mailgate.gateway.pipeline.Pipeline}
 * reads the message once, takes out mail for the gateway itself, has the processing stage
 * classify and decide per recipient, lets observers (out-of-office) see it, fails closed, and
 * carries the decisions out in one place: copies to deliver, the portal, the quarantine. It
 * returns the delivery state the queue works from.
 *
 * <p>Owns the order of the steps and the interfaces the features plug in through
 * ({@code ProcessingStage}, {@code DecisionExecutor}, {@code Deposit}, {@code HoldingArea},
 * {@code OwnMail}, {@code Observer}), and the rule that a store that cannot be reached means
 * "process again later" ({@code ProcessLaterException}), never a hold or a plain send.
 *
 * <p>Depends on {@code spool} (envelopes, states), {@code policy} (decisions), {@code mail}
 * (the header model) and the classifier's {@code Classification}. Must not depend on any
 * feature that plugs into it (protect, portal, quarantine, notify, ooo) nor on delivery.
 */
package org.mailgate.gateway.pipeline;
