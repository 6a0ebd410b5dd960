package org.mailgate.gateway.delivery;

import java.util.HexFormat;
import java.util.List;

/**
 * The DNSSEC-validated TLSA records of an MX host (RFC 7672), as delivery needs them. A
 * {@code SECURE} answer without records, or an {@code INSECURE} one, means DANE does not apply
 * and the next policy does (MTA-STS, the domain's level); {@code BOGUS} means an attacker or a
 * broken zone, and delivery to that host waits.
 */
@FunctionalInterface
public interface DaneLookup {

    Tlsa lookup(String host, int port);

    enum State { SECURE, INSECURE, BOGUS }

    /** One TLSA record: certificate usage, selector, matching type and the association data. */
    record Record(int usage, int selector, int matching, byte[] data) {

        /** RFC 7672 section 3.1: only DANE-TA(2) and DANE-EE(3) with known selectors and matching types are used. */
        public boolean usable() {
            return (usage == 2 || usage == 3) && (selector == 0 || selector == 1) && matching >= 0 && matching <= 2;
        }

        @Override
        public String toString() {
            return usage + " " + selector + " " + matching + " " + HexFormat.of().withUpperCase().formatHex(data);
        }
    }

    /** @param reason why an answer is {@code BOGUS} or {@code INSECURE}, for the log and the deferral */
    record Tlsa(State state, List<Record> records, String reason) {

        public Tlsa {
            records = List.copyOf(records);
        }

        public static Tlsa insecure(String reason) {
            return new Tlsa(State.INSECURE, List.of(), reason);
        }

        /** Secure, with at least one record DANE can use. */
        public boolean usable() {
            return state == State.SECURE && records.stream().anyMatch(Record::usable);
        }
    }

    static DaneLookup none() {
        return (host, port) -> Tlsa.insecure("DANE is off");
    }
}
