package org.anshin.notifier.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.anshin.schemas.AdvisoryNotice;

/**
 * The Slack body of an advisory: escaped and cut to Block Kit's limits with {@link SlackBody}'s helpers, like a
 * notice (an issuer's title or body must not mention {@code <!channel>} nor break the message with a 400).
 */
public final class AdvisorySlackBody {
    private AdvisorySlackBody() {
    }

    public static ObjectNode render(ObjectMapper json, Outbound m) {
        AdvisoryNotice n = m.advisory();
        String icon = switch (n.getSeverity()) {
            case CRITICAL -> ":rotating_light: ";
            case WARNING -> ":warning: ";
            case INFO -> ":information_source: ";
        };
        String headline = AdvisoryJson.headline(n);
        ObjectNode body = json.createObjectNode();
        body.put("text", SlackBody.fit(icon + "情報提供 / Advisory: " + SlackBody.escape(headline), SlackBody.TEXT_MAX));
        ArrayNode blocks = body.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text")
                .put("text", SlackBody.fit("情報提供 " + headline, SlackBody.HEADER_MAX));
        String head = "*重要度 / Severity:* " + AdvisoryJson.severityJa(n) + " " + n.getSeverity()
                + "   *" + Texts.tlp(n.getTlp()) + "*\n"
                + "*分野 / Sectors:* " + SlackBody.escape(String.join(", ", n.getSectors()))
                + "   *発信元 / Issuer:* " + SlackBody.escape(n.getIssuerId()) + "\n";
        StringBuilder tail = new StringBuilder();
        if (!n.getReferences().isEmpty()) {
            tail.append("\n*参考 / References:* ").append(SlackBody.fit(SlackBody.escape(String.join(" ",
                    n.getReferences())), SlackBody.REASON_MAX));
        }
        int room = Math.max(SlackBody.MARKER.length(), SlackBody.SECTION_MAX - head.length() - tail.length());
        ObjectNode section = blocks.addObject().put("type", "section");
        section.putObject("text").put("type", "mrkdwn").put("verbatim", true).put("text",
                SlackBody.fit(head + SlackBody.fit(SlackBody.escape(n.getBody()), room) + tail, SlackBody.SECTION_MAX));
        ObjectNode context = blocks.addObject().put("type", "context");
        context.putArray("elements").addObject().put("type", "mrkdwn").put("verbatim", true).put("text",
                SlackBody.fit(SlackBody.escape("advisory " + n.getAdvisoryId() + " | notice " + n.getNoticeId()),
                        SlackBody.CONTEXT_MAX));
        return body;
    }
}
