package org.mailgate.gateway.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.gateway.quarantine.QuarantineFilter;
import org.mailgate.gateway.testing.SmtpConversation;
import org.mailgate.gateway.testing.TestGateway;
import org.mailgate.gateway.testing.TestSink;

/**
 * The notice address is in an internal domain here, so the internal server routes it to the
 * gateway: were a reply ever "delivered internally" it would come straight back. A stage that
 * fails must not change that: the reply is still consumed (not delivered, not held), the
 * others still fail closed (the internal copy goes, the external one is held).
 */
class RepliesWhenProcessingFailsTest {

    @TempDir
    Path dir;
    TestSink internal;
    TestSink external;
    TestGateway gw;

    @BeforeEach
    void start() throws Exception {
        internal = new TestSink();
        external = new TestSink();
        gw = TestGateway.start(TestGateway.yaml(dir, internal.port(), external.port(),
                "quarantine:\n  notify_address: mailgate-quarantine@council.example\n"), b -> b.stage(m -> {
                    throw new IllegalStateException("parser exploded");
                }));
    }

    @AfterEach
    void stop() throws Exception {
        gw.close();
        internal.close();
        external.close();
    }

    @Test
    void aReplyIsConsumedEvenWhenTheStageFailsForTheOtherRecipients() throws Exception {
        try (SmtpConversation c = gw.ehlo()) {
            SmtpConversation.expect(c.sendMail("a@council.example", List.of("mailgate-quarantine+aeaqbfdebq@council.example",
                    "b@council.example", "c@partner.example"), "Subject: Re: Held\r\n\r\nwithdraw\r\n"), 250);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> gw.gateway().queue().depth() == 0);
        assertThat(internal.received()).extracting(TestSink.Received::recipients)
                .containsExactlyInAnyOrder(List.of("b@council.example"), List.of("a@council.example"));
        assertThat(gw.gateway().quarantine().store().list(QuarantineFilter.all(10)).items())
                .singleElement().satisfies(i -> assertThat(i.recipients()).containsExactly("c@partner.example"));
        assertThat(external.received()).isEmpty();
    }
}
