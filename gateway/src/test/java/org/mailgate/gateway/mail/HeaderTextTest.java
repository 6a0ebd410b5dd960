package org.mailgate.gateway.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeaderTextTest {
    @Test
    void decodesEncodedWordsAndKeepsWhatItCannotDecode() {
        assertThat(HeaderText.decode("=?utf-8?q?Zo=C3=AB?=\r\n plan")).isEqualTo("Zoë plan");
        assertThat(HeaderText.decode("=?x-no-such-charset?B?QUI=?= x")).isEqualTo("=?x-no-such-charset?B?QUI=?= x");
        assertThat(HeaderText.decode("=?utf-8?B?not base64?=")).isNotNull();
        assertThat(HeaderText.decode("=?utf-8?q?Plan=0D=0ABcc:_victim@evil.example?=")).isEqualTo("Plan Bcc: victim@evil.example");
    }
}
