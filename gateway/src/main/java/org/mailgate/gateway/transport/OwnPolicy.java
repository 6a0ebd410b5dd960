package org.mailgate.gateway.transport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.mailgate.config.GatewayConfig;

/**
 * Our MTA-STS policy for every internal domain, from {@code mta_sts:}: the policy file (RFC 8461
 * section 3.2, CRLF lines) served for the host {@code mta-sts.DOMAIN}, its id (a digest of the
 * file, so that it changes whenever the policy does), and the DNS records to publish with it:
 * {@code _mta-sts} (the id) and {@code _smtp._tls} (where to send TLS reports, {@code tls_rpt.rua}).
 */
public final class OwnPolicy {

    private final GatewayConfig.MtaSts config;
    private final List<String> domains;
    private final List<String> rua;

    public OwnPolicy(GatewayConfig config) {
        this.config = config.mtaSts();
        this.domains = config.domains().internal().stream().filter(d -> !d.startsWith("*."))
                .map(d -> d.toLowerCase(Locale.ROOT)).toList();
        this.rua = config.tlsRpt().rua();
    }

    /** The policy file. */
    public String text() {
        StringBuilder b = new StringBuilder("version: STSv1\r\n");
        b.append("mode: ").append(config.mode().orElse(GatewayConfig.MtaStsMode.NONE).name().toLowerCase(Locale.ROOT))
                .append("\r\n");
        config.mx().forEach(mx -> b.append("mx: ").append(mx).append("\r\n"));
        return b.append("max_age: ").append(config.maxAge()).append("\r\n").toString();
    }

    /** The policy's id for the {@code _mta-sts} record: 20 hex digits of its SHA-256. */
    public String id() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text().getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(d, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The policy file for a request's Host ({@code mta-sts.council.example}, any port); empty for other hosts. */
    public Optional<String> forHost(String host) {
        if (!config.served() || host == null) {
            return Optional.empty();
        }
        String h = host.toLowerCase(Locale.ROOT).replaceFirst(":\\d+$", "").replaceFirst("\\.$", "");
        return domains.stream().anyMatch(d -> h.equals("mta-sts." + d)) ? Optional.of(text()) : Optional.empty();
    }

    /** The records to publish for each internal domain, in zone file form (with comments). */
    public List<String> records() {
        List<String> out = new ArrayList<>();
        for (String d : domains) {
            if (config.served()) {
                out.add("_mta-sts." + d + ". IN TXT \"v=STSv1; id=" + id() + "\"");
                out.add("; and mta-sts." + d + ". must reach this gateway's web server over HTTPS (web.tls),");
                out.add(";     with a certificate for that name: it serves /.well-known/mta-sts.txt");
            }
            if (!rua.isEmpty()) {
                out.add("_smtp._tls." + d + ". IN TXT \"v=TLSRPTv1; rua=" + String.join(",", rua) + "\"");
            }
        }
        return out;
    }
}
