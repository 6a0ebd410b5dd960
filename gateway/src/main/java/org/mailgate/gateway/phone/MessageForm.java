package org.mailgate.gateway.phone;

/**
 * A telephone message taken for an officer, as the colleague who took the call writes it: text
 * in every field. Times are local to the gateway's clock, like {@code 2026-12-08 14:30}.
 * Problems are reported under the field names below.
 *
 * @param callAt when the call came in
 * @param callerFrom where the caller is from: an organisation, a team, "member of the public"
 * @param callBackBy the time the caller was promised a call back by
 * @param urgent send it marked high importance (the taker's choice)
 */
public record MessageForm(String officer, String callAt, String callerName, String callerFrom, String returnNumber,
        String reason, String callBackBy, boolean urgent) {

    /** A message that is not marked urgent. */
    public MessageForm(String officer, String callAt, String callerName, String callerFrom, String returnNumber,
            String reason, String callBackBy) {
        this(officer, callAt, callerName, callerFrom, returnNumber, reason, callBackBy, false);
    }

    public static final String OFFICER = "officer";
    public static final String CALL_AT = "call_at";
    public static final String CALLER_NAME = "caller_name";
    public static final String CALLER_FROM = "caller_from";
    public static final String RETURN_NUMBER = "return_number";
    public static final String REASON = "reason";
    public static final String CALL_BACK_BY = "call_back_by";
    public static final String URGENT = "urgent";
}
