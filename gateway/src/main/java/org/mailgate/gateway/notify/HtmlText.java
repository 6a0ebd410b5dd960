package org.mailgate.gateway.notify;

import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * The readable text of an HTML reply, good enough to keep as a note: parsed by jsoup (entities
 * decoded, comments, scripts and styles dropped), block ends become line breaks, and the quoted
 * original (a blockquote, or the containers Outlook and Gmail put it in) is cut off with
 * everything after it. Never rendered as HTML anywhere.
 */
final class HtmlText {

    /** Where the message being replied to starts, in the HTML of common mail programs. */
    private static final String QUOTE_START = "blockquote, div#divRplyFwdMsg, div#appendonsend, div.gmail_quote";
    private static final Set<String> BLOCKS = Set.of("p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table");

    private HtmlText() {
    }

    static String of(String html) {
        Document doc = Jsoup.parse(html);
        doc.select("head, style, script, title").remove();
        Element quote = doc.selectFirst(QUOTE_START);
        if (quote != null) {
            for (Node n = quote; n != null && n.parent() != null && !(n instanceof Document); n = n.parent()) {
                Node next;
                while ((next = n.nextSibling()) != null) {
                    next.remove();
                }
            }
            quote.remove();
        }
        StringBuilder out = new StringBuilder();
        doc.body().traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    out.append(t.text());
                } else if (node.nodeName().equals("br")) {
                    out.append('\n');
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (BLOCKS.contains(node.nodeName())) {
                    out.append('\n');
                }
            }
        });
        return out.toString().replace('\u00a0', ' ').lines().map(String::strip)
                .reduce((a, b) -> a + "\n" + b).orElse("");
    }
}
