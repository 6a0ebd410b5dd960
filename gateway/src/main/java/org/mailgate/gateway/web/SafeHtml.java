package org.mailgate.gateway.web;

import java.util.List;
import java.util.regex.Pattern;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * Mail HTML made safe to show inside our own page. Held mail may be hostile (that is partly
 * why it is held), so the policy keeps only text structure: no scripts, styles, forms, frames,
 * ids or classes; images only when embedded as data: (a remote image would tell the sender
 * the message was read); links kept as inert text with the address in a tooltip, so a
 * reviewer cannot click into a phishing page by mistake.
 */
final class SafeHtml {

    private static final Pattern WEB_OR_MAIL_URL = Pattern.compile("(?i)^(https?|mailto):[^\\s]*$");
    private static final Pattern DATA_IMAGE = Pattern.compile(
            "(?i)^data:image/(png|gif|jpe?g|webp);base64,[a-z0-9+/=\\s]+$");

    // Immutable once built, so one is shared by every request.
    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowCommonBlockElements()
            .allowCommonInlineFormattingElements()
            .allowElements("br", "hr", "pre", "code", "blockquote", "center", "font", "span", "div", "abbr", "cite",
                    "q", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "img")
            .allowAttributes("colspan", "rowspan").onElements("td", "th")
            .allowAttributes("alt", "width", "height").onElements("img")
            // data: is allowed as a protocol only so embedded images survive; the patterns keep it off links.
            .allowStandardUrlProtocols().allowUrlProtocols("data")
            .allowAttributes("src").matching(DATA_IMAGE).onElements("img")
            .allowAttributes("href").matching(WEB_OR_MAIL_URL).onElements("a")
            .allowElements(SafeHtml::inertLink, "a")
            .toFactory();

    private SafeHtml() {
    }

    static String sanitize(String html) {
        return POLICY.sanitize(html);
    }

    /** An {@code <a href>} becomes a span showing the address on hover: readable, not clickable. */
    private static String inertLink(String element, List<String> attributes) {
        String href = null;
        for (int i = 0; i + 1 < attributes.size(); i += 2) {
            if (attributes.get(i).equals("href")) {
                href = attributes.get(i + 1);
            }
        }
        attributes.clear();
        attributes.add("class");
        attributes.add("inert-link");
        if (href != null) {
            attributes.add("title");
            attributes.add("Link (not followed): " + href);
        }
        return "span";
    }
}
