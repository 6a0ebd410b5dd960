package org.mailgate.gateway.phone;

import java.io.IOException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Supplier;
import org.mailgate.gateway.dates.UkDates;
import org.mailgate.gateway.mail.OutgoingMail;
import org.mailgate.gateway.ooo.ContactDetails;

/**
 * The e-mail that carries a telephone message to the officer (and to their alternative contact
 * while they are away); when the taker marks it urgent, high importance for Outlook
 * ({@code Importance}, {@code X-Priority}) and for RFC 2156 readers ({@code Priority}).
 */
final class PhoneMessageMail {

    private final Clock clock;
    private final String hostname;
    private final Supplier<String> uniqueIds;

    PhoneMessageMail(Clock clock, String hostname, Supplier<String> uniqueIds) {
        this.clock = clock;
        this.hostname = hostname;
        this.uniqueIds = uniqueIds;
    }

    /**
     * @param from the colleague who took the call, or the gateway's own address
     * @param copyTo the officer's alternative contact while they are away
     * @param note a line about the officer's leave, if they are away
     */
    byte[] compose(TakenMessage t, String from, Optional<String> copyTo, Optional<String> note) throws IOException {
        ZoneId zone = clock.getZone();
        String callBack = UkDates.timeAndDate(t.callBackBy().atZone(zone));
        StringBuilder body = new StringBuilder()
                .append("Telephone message for ").append(ContactDetails.nameOf(t.officer())).append("\n\n")
                .append("Caller:            ").append(t.callerName()).append('\n')
                .append("From:              ").append(t.callerFrom()).append('\n')
                .append("Return number:     ").append(t.returnNumber()).append('\n')
                .append("Please call back:  by ").append(callBack).append('\n')
                .append("Called at:         ").append(UkDates.timeAndDate(t.callAt().atZone(zone))).append('\n')
                .append("About:             ").append(t.reason().replace("\n", "\n                   ")).append('\n')
                .append("Taken by:          ").append(t.takenBy()).append('\n');
        note.ifPresent(n -> body.append('\n').append(n).append('\n'));
        body.append("\nThe caller was told they would hear back by ").append(callBack).append(".\n");
        OutgoingMail m = OutgoingMail.from(from, ContactDetails.nameOf(from)).to(t.officer())
                .subject("Phone message from " + t.callerName() + " (" + t.callerFrom() + "): please call back by "
                        + callBack)
                .text(body.toString())
                .messageId(OutgoingMail.id(uniqueIds.get(), "phone-message", hostname));
        if (t.urgent()) {
            m.header("Importance", "High").header("X-Priority", "1").header("Priority", "urgent");
        }
        copyTo.ifPresent(m::cc);
        return m.toBytes(clock);
    }
}
