package org.mailgate.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.gateway.auth.Role;
import org.mailgate.gateway.quarantine.QuarantineItem;
import org.mailgate.gateway.quarantine.QuarantineItem.Status;
import org.mailgate.gateway.store.AuditLog;
import org.mailgate.gateway.testing.TestGateway;
import org.mailgate.gateway.testing.TestSink;

/** The JSON API over real HTTP: tokens, roles, the queue with filters and cursor, and decisions that move mail. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReviewApiTest {

    @TempDir
    static Path dir;
    TestSink internal;
    TestSink external;
    TestGateway gw;
    HeldMail held;
    String reviewer;
    String auditor;
    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();

    record Answer(int status, JsonNode body, HttpResponse<String> raw) {
    }

    @BeforeAll
    void start() throws Exception {
        internal = new TestSink();
        external = new TestSink();
        gw = TestGateway.start(TestGateway.yaml(dir, internal.port(), external.port()));
        held = new HeldMail(gw, dir);
        var users = gw.gateway().users();
        users.add("robot", Role.REVIEWER, "a long enough password");
        users.add("checker", Role.AUDITOR, "a long enough password");
        reviewer = users.createToken("robot", "ci");
        auditor = users.createToken("checker", "reports");
    }

    @AfterAll
    void stop() throws Exception {
        gw.close();
        internal.close();
        external.close();
    }

    Answer call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gw.webPort() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode n = r.body().isEmpty() ? null : json.readTree(r.body());
        return new Answer(r.statusCode(), n, r);
    }

    long hold(String subject, String recipient) throws Exception {
        return held.hold("clerk@council.example", List.of(recipient), subject,
                HeldMail.plain("clerk@council.example", recipient, subject, "NI: AB 12 34 56 C"));
    }

    QuarantineItem item(long id) throws Exception {
        return gw.gateway().quarantine().store().find(id).orElseThrow();
    }

    @Test
    void callsWithoutAValidTokenGet401InJson() throws Exception {
        for (String token : new String[] {null, "mgt_not-a-real-token", "not even the format"}) {
            Answer a = call("GET", "/api/v1/quarantine", token, null);
            assertThat(a.status()).isEqualTo(401);
            assertThat(a.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("application/json"));
            assertThat(a.raw().headers().firstValue("WWW-Authenticate")).contains("Bearer");
            assertThat(a.body().path("error").asText()).isNotBlank();
        }
        long id = hold("Untouched", "x@ext.example");
        assertThat(call("POST", "/api/v1/quarantine/" + id + "/reject", null, "{\"reason\":\"no\"}").status())
                .isEqualTo(401);
        assertThat(item(id).status()).isEqualTo(Status.HELD);
    }

    @Test
    void listsTheQueueWithFiltersATotalAndACursor() throws Exception {
        for (int i = 0; i < 3; i++) {
            hold("Cursor " + i, "someone@cursor.example");
        }
        Answer first = call("GET", "/api/v1/quarantine?domain=cursor.example&limit=2", auditor, null);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().path("total").asLong()).isEqualTo(3);
        assertThat(first.body().path("items")).hasSize(2);
        assertThat(first.body().path("items").get(0).path("subject").asText()).isEqualTo("Cursor 2");
        assertThat(first.body().path("items").get(0).path("status").asText()).isEqualTo("held");
        assertThat(first.body().path("items").get(0).path("findingTypes").get(0).asText()).isEqualTo("UK_NINO");
        long next = first.body().path("next").asLong();
        Answer second = call("GET", "/api/v1/quarantine?domain=cursor.example&limit=2&before=" + next, auditor, null);
        assertThat(second.body().path("items")).hasSize(1);
        assertThat(second.body().path("items").get(0).path("subject").asText()).isEqualTo("Cursor 0");
        assertThat(second.body().path("next").isNull()).isTrue();

        String sql = URLEncoder.encode("' OR 1=1 --", StandardCharsets.UTF_8);
        Answer injected = call("GET", "/api/v1/quarantine?status=any&q=" + sql, auditor, null);
        assertThat(injected.status()).isEqualTo(200);
        assertThat(injected.body().path("total").asLong()).isZero();
        assertThat(call("GET", "/api/v1/quarantine?before=abc", auditor, null).status()).isEqualTo(400);
        Answer badStatus = call("GET", "/api/v1/quarantine?status=lost", auditor, null);
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.body().path("error").asText()).contains("status must be one of");
    }

    @Test
    void showsOneItemWithItsClassificationAndTheSendersNotes() throws Exception {
        long id = hold("Detailed", "x@ext.example");
        gw.gateway().quarantine().addSenderNote(id, QuarantineItem.NoteKind.JUSTIFICATION, "clerk@council.example",
                "The client asked for it", "127.0.0.1");
        Answer a = call("GET", "/api/v1/quarantine/" + id, auditor, null);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body().path("id").asLong()).isEqualTo(id);
        assertThat(a.body().path("classification").path("findings").get(0).path("samples").get(0).asText())
                .isEqualTo("QQ •• •• •• C");
        assertThat(a.body().path("notes").get(0).path("kind").asText()).isEqualTo("justification");
        assertThat(a.body().path("notes").get(0).path("text").asText()).isEqualTo("The client asked for it");
        assertThat(call("GET", "/api/v1/quarantine/987654321", auditor, null).status()).isEqualTo(404);
    }

    @Test
    void aReviewerReleasesInClearAndTheMessageReachesTheNextHopOnce() throws Exception {
        long id = hold("API release", "reader@ext.example");
        Answer shortWhy = call("POST", "/api/v1/quarantine/" + id + "/release", reviewer,
                "{\"mode\":\"clear\",\"justification\":\"ok\"}");
        assertThat(shortWhy.status()).isEqualTo(422);
        assertThat(shortWhy.body().path("error").asText()).contains("at least 10 characters");
        assertThat(call("POST", "/api/v1/quarantine/" + id + "/release", reviewer, "{\"mode\":\"loud\"}").status())
                .isEqualTo(400);
        assertThat(call("POST", "/api/v1/quarantine/" + id + "/release", reviewer, "{not json").status())
                .isEqualTo(400);

        Answer ok = call("POST", "/api/v1/quarantine/" + id + "/release", reviewer,
                "{\"mode\":\"clear\",\"justification\":\"Confirmed with the reader by phone\"}");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body().path("item").path("status").asText()).isEqualTo("released");
        assertThat(ok.body().path("item").path("releaseMode").asText()).isEqualTo("clear");
        await().atMost(Duration.ofSeconds(20)).until(() -> external.received().stream()
                .anyMatch(r -> r.text().contains("Subject: API release")));
        assertThat(external.received().stream().filter(r -> r.text().contains("Subject: API release")).findFirst()
                .orElseThrow().recipients()).containsExactly("reader@ext.example");

        Answer again = call("POST", "/api/v1/quarantine/" + id + "/reject", reviewer, "{\"reason\":\"late\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().path("error").asText()).contains("Already decided: released by robot");
        assertThat(gw.gateway().audit().list(Optional.of("robot"), Optional.of("RELEASE_CLEAR"), Optional.of(id),
                Optional.empty(), 5)).singleElement().satisfies(e -> assertThat(e.detail())
                        .contains("Confirmed with the reader by phone"));
        assertThat(call("POST", "/api/v1/quarantine/123456789/release", reviewer,
                "{\"mode\":\"clear\",\"justification\":\"long enough reason\"}").status()).isEqualTo(404);
    }

    @Test
    void aProtectedReleaseGoesOutForARecipientWithAProtectedRoute() throws Exception {
        long id = hold("API internal", "colleague@council.example");
        Answer ok = call("POST", "/api/v1/quarantine/" + id + "/release", reviewer, "{\"mode\":\"protected\"}");
        assertThat(ok.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> internal.received().stream()
                .anyMatch(r -> r.text().contains("Subject: API internal")));
    }

    @Test
    void rejectingNeedsAReasonAndDeliversNothing() throws Exception {
        long id = hold("API reject", "reader@ext.example");
        assertThat(call("POST", "/api/v1/quarantine/" + id + "/reject", reviewer, "{}").status()).isEqualTo(422);
        Answer ok = call("POST", "/api/v1/quarantine/" + id + "/reject", reviewer, "{\"reason\":\"Use the portal\"}");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(item(id).status()).isEqualTo(Status.REJECTED);
        assertThat(item(id).decidedBy()).isEqualTo("robot");
        Thread.sleep(1500);
        assertThat(external.received()).noneMatch(r -> r.text().contains("Subject: API reject"));
        List<AuditLog.Entry> entries = gw.gateway().audit().list(Optional.of("robot"), Optional.of("REJECT"),
                Optional.of(id), Optional.empty(), 5);
        assertThat(entries).singleElement().satisfies(e -> assertThat(e.client()).isEqualTo("127.0.0.1"));
    }

    @Test
    void anAuditorsTokenReadsButCannotActAndADisabledAccountsTokenStopsWorking() throws Exception {
        long id = hold("API auditor", "reader@ext.example");
        Answer release = call("POST", "/api/v1/quarantine/" + id + "/release", auditor,
                "{\"mode\":\"clear\",\"justification\":\"auditors may not do this\"}");
        assertThat(release.status()).isEqualTo(403);
        assertThat(release.body().path("error").asText()).contains("auditor");
        assertThat(call("POST", "/api/v1/quarantine/" + id + "/reject", auditor, "{\"reason\":\"no\"}").status())
                .isEqualTo(403);
        assertThat(item(id).status()).isEqualTo(Status.HELD);

        gw.gateway().users().add("temp", Role.REVIEWER, "a long enough password");
        String token = gw.gateway().users().createToken("temp", "short-lived");
        assertThat(call("GET", "/api/v1/quarantine", token, null).status()).isEqualTo(200);
        gw.gateway().users().setDisabled("temp", true);
        assertThat(call("GET", "/api/v1/quarantine", token, null).status()).isEqualTo(401);
    }
}
