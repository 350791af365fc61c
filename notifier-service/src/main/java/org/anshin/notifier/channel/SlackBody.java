package org.anshin.notifier.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.anshin.schemas.IncidentNotice;

/**
 * The Slack incoming-webhook body. A pure function of the message: unit-tested on its own.
 *
 * <p>Every text that comes from a report is escaped where Slack parses it (mrkdwn fields and the top-level
 * {@code text}), so an operator's {@code <!channel>} or {@code <https://...|link>} is shown, not executed; and
 * every field is cut to its Block Kit limit with {@link #MARKER}, because Slack answers an over-long field with
 * 400 {@code invalid_blocks}, which would end the delivery for good. Lengths are counted in Java {@code char}s
 * (UTF-16 code units), never fewer than the code points Slack may count, so the limits hold either way; a cut
 * never splits a surrogate pair or an escape.
 */
public final class SlackBody {
    /** Block Kit: a header block's plain_text. */
    static final int HEADER_MAX = 150;
    /** Block Kit: a section block's text. */
    static final int SECTION_MAX = 3000;
    /** Block Kit: a text object's text, as in a context block's elements. */
    static final int CONTEXT_MAX = 3000;
    /** Block Kit: blocks in one message. */
    static final int MAX_BLOCKS = 50;
    /** Slack truncates a longer top-level {@code text}; it is cut here first so the marker shows. */
    static final int TEXT_MAX = 40_000;
    /** The reason line's share of the section: the summary, being the operator's free text, gets the rest. */
    static final int REASON_MAX = 500;
    /** The "N notices merged" line of a large group. */
    static final int MERGED_MAX = 300;
    public static final String MARKER = "… (truncated)";
    private static final String[] ENTITIES = {"&amp;", "&lt;", "&gt;"};

    private SlackBody() {
    }

    /** With the default incident link (tests, tools). */
    public static ObjectNode render(ObjectMapper json, Outbound m) {
        return render(json, m, IncidentLinks.DEFAULT);
    }

    /**
     * slack: an incoming-webhook body, plain {@code text} as fallback plus blocks; the section ends with a link to
     * the incident's page ({@code --incident-url-template}).
     */
    public static ObjectNode render(ObjectMapper json, Outbound m, IncidentLinks links) {
        IncidentNotice n = m.latest();
        String icon = Texts.exceeds(n) ? ":rotating_light: " : ":information_source: ";
        ObjectNode body = json.createObjectNode();
        body.put("text", fit(icon + escape(Texts.headlineEn(n)) + "\n" + escape(Texts.headlineJa(n)), TEXT_MAX));
        ArrayNode blocks = body.putArray("blocks");
        // plain_text is shown as written (Slack parses no mention or link in it): truncated, not escaped
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", fit(Texts.headlineEn(n), HEADER_MAX));
        ObjectNode section = blocks.addObject().put("type", "section");
        mrkdwn(section.putObject("text"), section(m, links));
        ObjectNode context = blocks.addObject().put("type", "context");
        mrkdwn(context.putArray("elements").addObject(),
                fit(escape(Texts.headlineJa(n) + " | notice " + n.getNoticeId()), CONTEXT_MAX));
        limitBlocks(blocks);
        return body;
    }

    /**
     * {@code verbatim: true}: Slack does not turn bare URLs, {@code #channel} names or mentions in the text into
     * links; the explicit {@code <...>} syntax, which only this class writes, still works.
     */
    private static void mrkdwn(ObjectNode text, String value) {
        text.put("type", "mrkdwn").put("text", value).put("verbatim", true);
    }

    static String section(Outbound m) {
        return section(m, IncidentLinks.DEFAULT);
    }

    /**
     * Sector, CEPTOAR, TLP, reason, summary, time, the incident's page: the summary is cut first, then the whole as
     * a last guard.
     */
    static String section(Outbound m, IncidentLinks links) {
        IncidentNotice n = m.latest();
        String head = "*Sector:* " + escape(n.getSector()) + "   *CEPTOAR:* " + escape(n.getCeptoarId())
                + "   *" + Texts.tlp(n.getTlp()) + "*\n"
                + "*Reason:* " + fit(escape(String.valueOf(n.getReason())), REASON_MAX) + "\n"
                + "*Summary:* ";
        StringBuilder tail = new StringBuilder("\n*Occurred:* ").append(n.getOccurredAt());
        if (m.grouped()) {
            StringBuilder merged = new StringBuilder().append(m.notices().size()).append(" notices merged:");
            m.notices().forEach(x -> merged.append(' ').append(x.getNoticeType()));
            tail.append("\n_").append(fit(merged.toString(), MERGED_MAX)).append('_');
        }
        tail.append("\n").append(link(links.of(n), "Incident page / インシデントの詳細"));
        int room = Math.max(MARKER.length(), SECTION_MAX - head.length() - tail.length());
        return fit(head + fit(escape(Texts.summary(n)), room) + tail, SECTION_MAX);
    }

    /**
     * Slack's explicit link syntax. The URL comes from the operator's template with URL-encoded values, so it has no
     * {@code |}, {@code <} or {@code >} of a report's; the three are still escaped so a template cannot break out.
     */
    static String link(String url, String label) {
        return "<" + escape(url).replace("|", "%7C") + "|" + label + ">";
    }

    /** Slack's rule for text it parses: {@code &}, {@code <} and {@code >} as HTML entities, nothing else. */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * At most {@code max} chars: the text itself, or its start followed by {@link #MARKER}. The cut moves back
     * off a surrogate pair and off an entity that {@link #escape} wrote, so neither is left half.
     */
    public static String fit(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int cut = Math.max(0, max - MARKER.length());
        if (cut > 0 && Character.isHighSurrogate(s.charAt(cut - 1))) {
            cut--;
        }
        for (String entity : ENTITIES) {
            int at = s.lastIndexOf(entity, cut - 1);
            if (at >= 0 && at < cut && at + entity.length() > cut) {
                cut = at; // "&am" would show as text: cut before the whole entity
            }
        }
        return s.substring(0, cut) + MARKER;
    }

    /** A message may have at most {@value #MAX_BLOCKS} blocks: the rest is replaced by one context block saying so. */
    static void limitBlocks(ArrayNode blocks) {
        if (blocks.size() <= MAX_BLOCKS) {
            return;
        }
        while (blocks.size() > MAX_BLOCKS - 1) {
            blocks.remove(blocks.size() - 1);
        }
        ObjectNode note = blocks.addObject().put("type", "context");
        mrkdwn(note.putArray("elements").addObject(), MARKER);
    }
}
