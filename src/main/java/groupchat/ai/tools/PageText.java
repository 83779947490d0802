package groupchat.ai.tools;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/** Readable text of an HTML page: title, then the body's text with one line per block. */
final class PageText {
    private PageText() {}

    /** {@code charset} null lets jsoup read it from the page's meta tag (UTF-8 otherwise). */
    static String fromHtml(byte[] html, String charset, String url) throws IOException {
        Document doc = Jsoup.parse(new ByteArrayInputStream(html), charset, url);
        doc.select("script, style, noscript, template, svg, iframe, object, canvas, form").remove();
        StringBuilder out = new StringBuilder();
        if (!doc.title().isBlank()) out.append(doc.title().strip()).append("\n\n");
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) out.append(text.text());
                else if (node instanceof Element e && (e.isBlock() || e.nameIs("br"))) out.append('\n');
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e && e.isBlock()) out.append('\n');
            }
        }, doc.body());
        return tidy(out.toString());
    }

    /** Strips every line and keeps at most one blank line between paragraphs. */
    static String tidy(String text) {
        StringBuilder out = new StringBuilder();
        int blanks = 0;
        for (String line : text.split("\n")) {
            String stripped = line.replaceAll("[ \\t\\u00a0]+", " ").strip();
            if (stripped.isEmpty()) {
                blanks++;
                continue;
            }
            if (out.length() > 0) out.append(blanks > 0 ? "\n\n" : "\n");
            out.append(stripped);
            blanks = 0;
        }
        return out.toString();
    }
}
