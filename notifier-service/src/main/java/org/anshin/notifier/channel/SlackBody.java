package org.anshin.notifier.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.NoticeKeys;
import org.anshin.schemas.NoticeType;

/** The Slack incoming-webhook body. A pure function of the message: unit-tested on its own. */
public final class SlackBody {
    private SlackBody() {
    }

    /** slack: an incoming-webhook body, plain {@code text} as fallback plus blocks. */
    public static ObjectNode render(ObjectMapper json, Outbound m) {
        IncidentNotice n = m.latest();
        String headline = (Texts.exceeds(n) ? ":rotating_light: " : ":information_source: ") + Texts.headlineEn(n);
        StringBuilder detail = new StringBuilder()
                .append("*Sector:* ").append(n.getSector()).append("   *CEPTOAR:* ").append(n.getCeptoarId())
                .append("   *").append(Texts.tlp(n.getTlp())).append("*\n")
                .append("*Reason:* ").append(n.getReason()).append('\n')
                .append("*Summary:* ").append(Texts.summary(n)).append('\n')
                .append("*Occurred:* ").append(n.getOccurredAt());
        if (m.grouped()) {
            detail.append("\n_").append(m.notices().size()).append(" notices merged: ");
            m.notices().forEach(x -> detail.append(x.getNoticeType()).append(' '));
            detail.setLength(detail.length() - 1);
            detail.append("_");
        }
        ObjectNode body = json.createObjectNode();
        body.put("text", headline + "\n" + Texts.headlineJa(n));
        ArrayNode blocks = body.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", Texts.truncate(Texts.headlineEn(n), 150));
        ObjectNode section = blocks.addObject().put("type", "section");
        section.putObject("text").put("type", "mrkdwn").put("text", detail.toString());
        ObjectNode context = blocks.addObject().put("type", "context");
        context.putArray("elements").addObject().put("type", "mrkdwn")
                .put("text", Texts.headlineJa(n) + " | notice " + n.getNoticeId());
        return body;
    }
}
