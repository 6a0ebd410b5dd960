package org.mailgate.gateway.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;

/** A tiny authoritative DNS server over real UDP, for MX tests. Unknown names are NXDOMAIN. */
public final class TestDns implements AutoCloseable {

    private final DatagramSocket socket;
    private final Map<Name, List<Record>> zone = new ConcurrentHashMap<>();
    private final Thread thread;

    public TestDns() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = new Thread(this::serve, "test-dns");
        thread.setDaemon(true);
        thread.start();
    }

    public SimpleResolver resolver() {
        SimpleResolver r = new SimpleResolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort()));
        r.setTimeout(java.time.Duration.ofSeconds(2));
        return r;
    }

    public TestDns mx(String domain, int preference, String host) throws TextParseException {
        Name n = name(domain);
        add(new MXRecord(n, DClass.IN, 60, preference, host.equals(".") ? Name.root : name(host)));
        return this;
    }

    public TestDns a(String host, String ip) throws IOException {
        add(new ARecord(name(host), DClass.IN, 60, InetAddress.getByName(ip)));
        return this;
    }

    private void add(Record r) {
        zone.computeIfAbsent(r.getName(), k -> new ArrayList<>()).add(r);
    }

    private static Name name(String s) throws TextParseException {
        return Name.fromString(s.endsWith(".") ? s : s + ".");
    }

    private void serve() {
        byte[] buf = new byte[4096];
        while (!socket.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                socket.receive(p);
                Message query = new Message(java.util.Arrays.copyOf(p.getData(), p.getLength()));
                Record q = query.getQuestion();
                Message answer = new Message(query.getHeader().getID());
                answer.getHeader().setFlag(Flags.QR);
                answer.getHeader().setFlag(Flags.AA);
                answer.addRecord(q, Section.QUESTION);
                List<Record> records = zone.get(q.getName());
                if (records == null) {
                    answer.getHeader().setRcode(Rcode.NXDOMAIN);
                } else {
                    records.stream().filter(r -> r.getType() == q.getType()).forEach(r -> answer.addRecord(r, Section.ANSWER));
                }
                byte[] out = answer.toWire();
                socket.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
