package org.mailgate.gateway.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The DNS and HTTPS that MTA-STS and TLS reports need, both through {@code dns.servers}: TXT
 * records, and one HTTP/1.1 request over TLS 1.2+ with the server's certificate checked
 * (trusted CAs and the host name), no redirects followed and the answer bounded in size.
 */
final class PolicyHosts {

    private final Resolver resolver;
    private final SSLContext tls;

    /** @param resolver {@code dns.servers}, or null for the system's; @param tls a verifying context */
    PolicyHosts(Resolver resolver, SSLContext tls) {
        this.resolver = resolver;
        this.tls = tls;
    }

    /** The TXT strings at {@code name} (each record's strings joined); empty when there are none. */
    List<String> txt(String name) {
        List<String> out = new ArrayList<>();
        try {
            Lookup l = new Lookup(name.endsWith(".") ? name : name + ".", Type.TXT);
            if (resolver != null) {
                l.setResolver(resolver);
            }
            l.setCache(null);
            Record[] records = l.run();
            for (Record r : records == null ? new Record[0] : records) {
                if (r instanceof TXTRecord t) {
                    out.add(String.join("", t.getStrings()));
                }
            }
        } catch (TextParseException e) {
            return List.of();
        }
        return out;
    }

    InetAddress address(String host) throws IOException {
        if (resolver == null) {
            return InetAddress.getByName(host);
        }
        Lookup l = new Lookup(host + ".", Type.A);
        l.setResolver(resolver);
        l.setCache(null);
        Record[] records = l.run();
        if (records == null || records.length == 0) {
            throw new IOException(host + " has no address");
        }
        return ((ARecord) records[0]).getAddress();
    }

    /**
     * Sends {@code GET path} (body null) or {@code POST path} with {@code body} of
     * {@code contentType} to {@code https://host:port}; returns the raw response (head and body),
     * at most {@code maxBytes}.
     */
    String request(String host, int port, String path, String contentType, byte[] body, int maxBytes)
            throws IOException {
        InetAddress address = address(host);
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(address, port), 10_000);
            plain.setSoTimeout(30_000);
            SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(plain, host, port, true);
            SSLParameters params = s.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            params.setServerNames(List.of(new SNIHostName(host)));
            params.setProtocols(org.mailgate.config.GatewayConfig.Tls.protocolsFrom("TLSv1.2", s.getSupportedProtocols()));
            s.setSSLParameters(params);
            s.startHandshake();
            OutputStream out = s.getOutputStream();
            String head = (body == null ? "GET " : "POST ") + path + " HTTP/1.1\r\nHost: " + host
                    + (port == 443 ? "" : ":" + port) + "\r\nUser-Agent: mailgate\r\nConnection: close\r\n"
                    + (body == null ? "" : "Content-Type: " + contentType + "\r\nContent-Length: " + body.length
                            + "\r\n") + "\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) > 0; ) {
                response.write(buf, 0, n);
                if (response.size() > maxBytes) {
                    throw new IOException("the answer is larger than " + maxBytes / 1024 + " KB");
                }
            }
            return response.toString(StandardCharsets.UTF_8);
        }
    }
}
