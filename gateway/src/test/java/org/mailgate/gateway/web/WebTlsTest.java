package org.mailgate.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.HttpsURLConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.gateway.auth.Role;
import org.mailgate.gateway.testing.Tls;
import org.mailgate.gateway.testing.TestGateway;
import org.mailgate.gateway.testing.TestSink;

/** With web.tls configured the UI is served over HTTPS only, with HSTS and Secure, host-only cookies. */
class WebTlsTest {

    @TempDir
    Path dir;

    @Test
    void servesHttpsWithHstsAndSecureCookies() throws Exception {
        Path certs = dir.resolve("web-tls");
        Tls.selfSigned(certs, "localhost");
        try (TestSink sink = new TestSink(); TestGateway gw = TestGateway.start(TestGateway.yaml(dir.resolve("gw"),
                sink.port(), sink.port(), "web:\n  listen: 127.0.0.1:0\n  tls:\n    certificate: "
                        + certs.resolve("smtp-cert.pem") + "\n    key: " + certs.resolve("smtp-key.pem") + "\n"))) {
            gw.gateway().users().add("tess", Role.REVIEWER, "a long enough password");
            String base = "https://127.0.0.1:" + gw.webPort();
            HttpsURLConnection form = open(base + "/login");
            assertThat(form.getResponseCode()).isEqualTo(200);
            assertThat(form.getHeaderField("Strict-Transport-Security")).isEqualTo("max-age=31536000");
            String loginCookie = form.getHeaderField("Set-Cookie");
            assertThat(loginCookie).startsWith("__Host-mg_login=").contains("Secure", "HttpOnly", "SameSite=Strict",
                    "Path=/");
            Matcher token = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"")
                    .matcher(new String(form.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            assertThat(token.find()).isTrue();

            HttpsURLConnection login = open(base + "/login");
            login.setRequestMethod("POST");
            login.setDoOutput(true);
            login.setRequestProperty("Cookie", loginCookie.split(";", 2)[0]);
            login.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
            try (OutputStream out = login.getOutputStream()) {
                out.write(("name=tess&password=a+long+enough+password&csrf=" + token.group(1))
                        .getBytes(StandardCharsets.US_ASCII));
            }
            assertThat(login.getResponseCode()).isEqualTo(303);
            List<String> cookies = login.getHeaderFields().get("Set-Cookie");
            assertThat(cookies).anySatisfy(c -> assertThat(c).startsWith("__Host-mg_session=")
                    .contains("Secure", "HttpOnly", "SameSite=Strict"));

            HttpURLConnection plain = (HttpURLConnection) URI.create("http://127.0.0.1:" + gw.webPort() + "/login")
                    .toURL().openConnection();
            plain.setReadTimeout(5000);
            assertThatThrownBy(plain::getResponseCode).isInstanceOf(IOException.class);
        }
    }

    private static HttpsURLConnection open(String url) throws Exception {
        HttpsURLConnection c = (HttpsURLConnection) URI.create(url).toURL().openConnection();
        c.setSSLSocketFactory(Tls.trustAll().getSocketFactory());
        c.setHostnameVerifier((host, session) -> true);
        c.setInstanceFollowRedirects(false);
        c.setConnectTimeout(5000);
        c.setReadTimeout(10000);
        return c;
    }
}
