package org.mailgate.gateway.notify;

import java.util.Optional;

/**
 * The address notices come from ({@code quarantine.notify_address}) and the reply addresses
 * made from it, {@code local+TOKEN@domain}. The SMTP receiver accepts these from anyone, so
 * only that exact local part, with or without a {@code +} suffix, matches: never the rest of
 * its domain. Compared without regard to case, as mail systems may change it.
 */
public final class NoticeAddress {

    private final String address;
    private final String local;
    private final String domain;

    public NoticeAddress(String notifyAddress) {
        int at = notifyAddress.lastIndexOf('@');
        if (at <= 0 || at == notifyAddress.length() - 1) {
            throw new IllegalArgumentException("quarantine.notify_address must be local@domain: " + notifyAddress);
        }
        this.address = notifyAddress;
        this.local = notifyAddress.substring(0, at);
        this.domain = notifyAddress.substring(at + 1);
    }

    /** True for the notify address itself and for any {@code local+suffix} form of it. */
    public boolean matches(String candidate) {
        int at = candidate.lastIndexOf('@');
        if (at < 0 || !candidate.substring(at + 1).equalsIgnoreCase(domain)) {
            return false;
        }
        String l = candidate.substring(0, at);
        return l.equalsIgnoreCase(local) || (l.length() > local.length() + 1
                && l.regionMatches(true, 0, local, 0, local.length()) && l.charAt(local.length()) == '+');
    }

    /** The {@code +suffix} of a matching address, if it has one. */
    Optional<String> tokenOf(String candidate) {
        if (!matches(candidate)) {
            return Optional.empty();
        }
        String l = candidate.substring(0, candidate.lastIndexOf('@'));
        return l.length() > local.length() ? Optional.of(l.substring(local.length() + 1)) : Optional.empty();
    }

    String withToken(String token) {
        return local + "+" + token + "@" + domain;
    }

    String address() {
        return address;
    }

    String domain() {
        return domain;
    }
}
