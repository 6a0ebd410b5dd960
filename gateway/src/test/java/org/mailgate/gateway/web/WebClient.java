package org.mailgate.gateway.web;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One browser's worth of HTTP for tests: keeps its own cookies, never follows redirects (tests
 * look at them), and fills in the CSRF token from the last page it saw, unless told otherwise.
 */
final class WebClient {

    record Page(int status, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }

        List<String> all(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).toList();
        }

        String location() {
            return header("Location");
        }
    }

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String csrf;
    private String origin;
    private final Map<String, String> postHeaders = new LinkedHashMap<>();

    WebClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    String base() {
        return base;
    }

    Map<String, String> cookies() {
        return cookies;
    }

    String csrf() {
        return csrf;
    }

    /** Sends this Origin header on posts (a cross-site form, when it is not ours). */
    WebClient origin(String origin) {
        this.origin = origin;
        return this;
    }

    /** Sends this header on posts too (what a browser adds, such as Sec-Fetch-Site); null removes it. */
    WebClient postHeader(String name, String value) {
        if (value == null) {
            postHeaders.remove(name);
        } else {
            postHeaders.put(name, value);
        }
        return this;
    }

    Page get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** Posts a form; adds the CSRF token of the last page unless the form has a csrf field already. */
    Page post(String path, String... nameValues) throws Exception {
        List<String> pairs = new ArrayList<>(List.of(nameValues));
        boolean hasCsrf = false;
        for (int i = 0; i < pairs.size(); i += 2) {
            hasCsrf |= pairs.get(i).equals("csrf");
        }
        if (!hasCsrf && csrf != null) {
            pairs.add("csrf");
            pairs.add(csrf);
        }
        return postRaw(path, pairs);
    }

    /** Posts exactly these fields, nothing added. */
    Page postRaw(String path, List<String> pairs) throws Exception {
        StringBuilder form = new StringBuilder();
        for (int i = 0; i < pairs.size(); i += 2) {
            if (form.length() > 0) {
                form.append('&');
            }
            form.append(enc(pairs.get(i))).append('=').append(enc(pairs.get(i + 1)));
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString()));
        if (origin != null) {
            b.header("Origin", origin);
        }
        postHeaders.forEach(b::header);
        return send(b);
    }

    Page login(String name, String password) throws Exception {
        get("/login");
        return post("/login", "name", name, "password", password);
    }

    /** Logs in and checks it worked. */
    WebClient signedIn(String name, String password) throws Exception {
        Page p = login(name, password);
        if (p.status() != 303) {
            throw new AssertionError("login as " + name + " failed: " + p.status() + "\n" + p.body());
        }
        get("/quarantine");
        return this;
    }

    Page send(HttpRequest.Builder b) throws Exception {
        if (!cookies.isEmpty()) {
            b.header("Cookie", String.join("; ", cookies.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toList()));
        }
        HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        for (String c : r.headers().allValues("Set-Cookie")) {
            String pair = c.split(";", 2)[0];
            String name = pair.substring(0, pair.indexOf('='));
            String value = pair.substring(pair.indexOf('=') + 1);
            if (value.isEmpty() || c.contains("Max-Age=0")) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
        Matcher m = CSRF.matcher(r.body());
        if (m.find()) {
            csrf = m.group(1);
        }
        return new Page(r.statusCode(), r.headers().map(), r.body());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
