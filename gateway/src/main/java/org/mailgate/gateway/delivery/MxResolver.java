package org.mailgate.gateway.delivery;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Finds where to deliver for a domain, per RFC 5321 section 5.1: MX hosts in preference order
 * (equal preferences shuffled), the domain's own A/AAAA when it has no MX, and a permanent
 * failure for a null MX (RFC 7505) or a domain that does not exist. Uses dnsjava.
 */
final class MxResolver {

    /** Either the hosts to try in order, or why there are none. */
    record Answer(List<String> hosts, boolean failed, boolean permanent, String reason) {

        static Answer hosts(List<String> hosts) {
            return new Answer(hosts, false, false, null);
        }

        static Answer failure(boolean permanent, String reason) {
            return new Answer(List.of(), true, permanent, reason);
        }
    }

    private final Resolver resolver;
    private final Cache cache = new Cache(DClass.IN);

    /** @param resolver a specific DNS server, or null for the system's */
    MxResolver(Resolver resolver) {
        this.resolver = resolver;
    }

    /** True when lookups go to configured servers ({@code dns.servers}), never to the system's. */
    boolean configured() {
        return resolver != null;
    }

    Answer resolve(String domain) {
        Lookup mx = lookup(domain, Type.MX);
        if (mx == null) {
            return Answer.failure(true, "5.1.2 Bad destination domain syntax: " + domain);
        }
        Record[] records = mx.run();
        switch (mx.getResult()) {
            case Lookup.SUCCESSFUL -> {
                return fromMx(domain, records);
            }
            case Lookup.TYPE_NOT_FOUND -> {
                // No MX: the domain itself is the implicit MX, if it has an address.
                return addresses(domain).isEmpty()
                        ? Answer.failure(true, "5.1.2 Domain " + domain + " has no MX and no address records")
                        : Answer.hosts(List.of(domain));
            }
            case Lookup.HOST_NOT_FOUND -> {
                return Answer.failure(true, "5.1.2 Domain " + domain + " does not exist");
            }
            default -> {
                return Answer.failure(false, "4.4.3 DNS lookup of MX for " + domain + " failed: " + mx.getErrorString());
            }
        }
    }

    private Answer fromMx(String domain, Record[] records) {
        Map<Integer, List<String>> byPreference = new LinkedHashMap<>();
        List<MXRecord> mxs = new ArrayList<>();
        for (Record r : records) {
            if (r instanceof MXRecord m) {
                mxs.add(m);
            }
        }
        if (mxs.size() == 1 && mxs.get(0).getTarget().equals(Name.root)) {
            return Answer.failure(true, "5.1.10 Domain " + domain + " accepts no mail (null MX, RFC 7505)");
        }
        mxs.sort(Comparator.comparingInt(MXRecord::getPriority));
        for (MXRecord m : mxs) {
            if (!m.getTarget().equals(Name.root)) {
                byPreference.computeIfAbsent(m.getPriority(), k -> new ArrayList<>()).add(host(m.getTarget()));
            }
        }
        List<String> hosts = new ArrayList<>();
        for (List<String> same : byPreference.values()) {
            Collections.shuffle(same, ThreadLocalRandom.current());
            hosts.addAll(same);
        }
        return hosts.isEmpty() ? Answer.failure(true, "5.1.2 No usable MX for " + domain) : Answer.hosts(hosts);
    }

    /** A and AAAA addresses of a host, IPv4 first; empty if it has none or the lookup failed. */
    List<InetAddress> addresses(String host) {
        List<InetAddress> out = new ArrayList<>();
        for (int type : new int[] {Type.A, Type.AAAA}) {
            Lookup l = lookup(host, type);
            if (l == null) {
                continue;
            }
            Record[] rs = l.run();
            if (l.getResult() == Lookup.SUCCESSFUL) {
                for (Record r : rs) {
                    if (r instanceof ARecord a) {
                        out.add(a.getAddress());
                    } else if (r instanceof AAAARecord a) {
                        out.add(a.getAddress());
                    }
                }
            }
        }
        return out;
    }

    private Lookup lookup(String name, int type) {
        try {
            Lookup l = new Lookup(Name.fromString(name.endsWith(".") ? name : name + "."), type);
            if (resolver != null) {
                l.setResolver(resolver);
            }
            l.setCache(cache);
            l.setSearchPath((List<Name>) null);
            return l;
        } catch (TextParseException e) {
            return null;
        }
    }

    private static String host(Name name) {
        String s = name.toString();
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
