package org.mailgate.gateway.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTextTest {

    @Test
    void keepsTheWordsAndLineBreaksDropsWhatIsNotShown() {
        String html = "<html><head><title>t</title><style>p{color:red}</style></head><body>"
                + "<!-- a comment --><script>alert(1)</script><p>It is a false&nbsp;positive &amp; safe:</p>"
                + "<div>the number &lt;is&gt; a &#8220;test&#8221; one<br>from&#x20;our lab</div><ul><li>one</li><li>two</li></ul>"
                + "</body></html>";
        assertThat(HtmlText.of(html)).isEqualTo("It is a false positive & safe:\nthe number <is> a \u201ctest\u201d one\n"
                + "from our lab\none\ntwo");
    }

    @Test
    void cutsTheQuotedOriginalAndEverythingAfterIt() {
        assertThat(HtmlText.of("<div>Please release it.</div><div id=\"divRplyFwdMsg\">From: gateway</div>"
                + "<div>Quoted notice text</div>")).isEqualTo("Please release it.");
        assertThat(HtmlText.of("<div dir=ltr>Withdraw</div><div class=\"gmail_quote\"><blockquote>old</blockquote></div>"
                + "<p>after</p>")).isEqualTo("Withdraw");
        assertThat(HtmlText.of("<p>Justified: court order</p><blockquote>held item</blockquote>"))
                .isEqualTo("Justified: court order");
    }
}
