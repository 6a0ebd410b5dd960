package org.mailgate.gateway.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.mailgate.gateway.store.MasterKey;

class ReplyTokensTest {

    private static ReplyTokens tokens(int keyByte) throws Exception {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) keyByte);
        MasterKey master = MasterKey.load(Optional.of(Base64.getEncoder().encodeToString(key)), Path.of("unused"));
        return new ReplyTokens(master.derive("reply-token"));
    }

    @Test
    void aTokenNamesTheItemItWasMadeFor() throws Exception {
        ReplyTokens t = tokens(1);
        for (long id : new long[] {1, 42, 255, 256, 70_000, Integer.MAX_VALUE + 1L, Long.MAX_VALUE}) {
            assertThat(t.verify(t.tokenFor(id))).as("item %d", id).isEqualTo(OptionalLong.of(id));
        }
    }

    @Test
    void isShortLowerCaseBase32FitForALocalPart() throws Exception {
        String token = tokens(1).tokenFor(42);
        assertThat(token).matches("[a-z2-7]+").hasSizeLessThanOrEqualTo(32);
        assertThat(tokens(1).tokenFor(Long.MAX_VALUE)).hasSizeLessThanOrEqualTo(40);
    }

    @Test
    void base32IsRfc4648InLowerCaseWithoutPaddingSoTokensAlreadySentStillVerify() {
        String[][] vectors = {{"", ""}, {"f", "my"}, {"fo", "mzxq"}, {"foo", "mzxw6"}, {"foob", "mzxw6yq"},
                {"fooba", "mzxw6ytb"}, {"foobar", "mzxw6ytboi"}};
        for (String[] v : vectors) {
            byte[] plain = v[0].getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            assertThat(ReplyTokens.base32(plain)).isEqualTo(v[1]);
            assertThat(ReplyTokens.fromBase32(v[1])).isEqualTo(plain);
        }
        assertThat(ReplyTokens.fromBase32("mzxw6yr")).as("unused bits set: not canonical").isNull();
        assertThat(ReplyTokens.fromBase32("mzx")).as("a length no encoding has").isNull();
        assertThat(ReplyTokens.fromBase32("MZXQ")).as("upper case is the caller's to fold").isNull();
    }

    @Test
    void survivesAMailSystemThatChangesTheCase() throws Exception {
        ReplyTokens t = tokens(1);
        assertThat(t.verify(t.tokenFor(42).toUpperCase(Locale.ROOT))).hasValue(42);
    }

    @Test
    void changingAnyCharacterBreaksIt() throws Exception {
        ReplyTokens t = tokens(1);
        String token = t.tokenFor(42);
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        for (int i = 0; i < token.length(); i++) {
            for (char c : alphabet.toCharArray()) {
                if (c == token.charAt(i)) {
                    continue;
                }
                String tampered = token.substring(0, i) + c + token.substring(i + 1);
                assertThat(t.verify(tampered)).as(tampered).isEmpty();
            }
        }
        assertThat(t.verify(token.substring(1))).isEmpty();
        assertThat(t.verify(token.substring(0, token.length() - 1))).isEmpty();
        assertThat(t.verify(token + "a")).isEmpty();
        assertThat(t.verify("")).isEmpty();
        assertThat(t.verify(null)).isEmpty();
        assertThat(t.verify("not-a-token!")).isEmpty();
    }

    @Test
    void aTokenMadeWithAnotherMasterKeyIsRefused() throws Exception {
        assertThat(tokens(2).verify(tokens(1).tokenFor(42))).isEmpty();
    }

    @Test
    void tokensForDifferentItemsDiffer() throws Exception {
        ReplyTokens t = tokens(1);
        assertThat(t.tokenFor(42)).isNotEqualTo(t.tokenFor(43));
    }
}
