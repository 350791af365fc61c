package org.anshin.console.incident;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.anshin.console.Html;
import org.anshin.console.Labels;
import org.anshin.console.Lang;
import org.anshin.console.Layout;
import org.anshin.console.Viewer;
import org.anshin.console.access.Visibility;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.IncidentRecord;
import org.anshin.schemas.NoticeType;

/** {@code /incidents/{incidentKey}}: what the viewer received, its timeline and, when allowed, the ack form. */
public final class IncidentPage {
    /** A line above the page after an acknowledgement attempt. */
    public record Message(boolean ok, String text) {
    }

    private IncidentPage() {
    }

    public static String render(Viewer v, Visibility.Seen seen, Optional<IncidentRecord> record, boolean mayAck,
                                Optional<Message> message) {
        Lang l = v.lang();
        IncidentNotice n = seen.entry().shown();
        boolean open = n.getNoticeType() != NoticeType.RESOLVED && n.getResolvedAt() == null;
        StringBuilder b = new StringBuilder(8192);
        b.append("<p><a href=\"/").append(seen.exercise() ? "?tab=drills" : "").append("\">← ")
                .append(l.pick("ボードへ", "Back to the board")).append("</a></p>");
        b.append("<h1 id=\"incident-title\" data-key=\"").append(Html.esc(n.getIncidentKey())).append("\">")
                .append(Html.esc(n.getSummary() == null || n.getSummary().isBlank() ? n.getIncidentKey() : n.getSummary()))
                .append("</h1>");
        message.ifPresent(m -> b.append("<p id=\"ack-result\" class=\"").append(m.ok() ? "ok" : "error").append("\">")
                .append(Html.esc(m.text())).append("</p>"));
        b.append("<dl class=\"facts\">");
        fact(b, l.pick("インシデントキー", "Incident key"), n.getIncidentKey());
        fact(b, l.pick("分野", "Sector"), n.getSector());
        fact(b, l.pick("分類", "Classification"), Labels.classification(l, n.getClassification()));
        fact(b, l.pick("理由", "Reason"), Labels.reason(l, n.getReason(), n.getReasonJa()));
        fact(b, "TLP", Labels.tlp(n.getTlp()));
        fact(b, l.pick("状態", "Status"), Labels.status(l, open));
        fact(b, l.pick("発生", "Occurred"), Labels.time(n.getOccurredAt()));
        fact(b, l.pick("最新の通知", "Last notice"), Labels.noticeType(l, n.getNoticeType()) + " "
                + Labels.time(n.getClassifiedAt()));
        if (n.getSharedBy() != null) {
            fact(b, l.pick("共有元", "Shared by"), n.getSharedBy());
        }
        if (seen.entry().maxTier() > 1) {
            fact(b, l.pick("エスカレーション", "Escalation"), l.pick("第" + seen.entry().maxTier() + "段階",
                    "tier " + seen.entry().maxTier()));
        }
        b.append("</dl>");

        b.append("<h2>").append(l.pick("タイムライン", "Timeline")).append("</h2>");
        List<Timeline.Item> items = record.map(r -> Timeline.fromRecord(v, r))
                .orElseGet(() -> Timeline.fromNotices(v, seen.entry().notices()));
        b.append("<p class=\"source\">").append(record.isPresent()
                ? l.pick("インシデント記録より", "From the incident record")
                : l.pick("受信した通知のみ", "Only the notices you received")).append("</p>");
        b.append("<ol id=\"timeline\" class=\"timeline\">");
        for (Timeline.Item i : items) {
            b.append("<li class=\"").append(i.kind()).append("\"><time datetime=\"").append(i.at())
                    .append("\">").append(Html.esc(Labels.time(i.at())))
                    .append("</time> ").append(Html.esc(i.text())).append("</li>");
        }
        b.append("</ol>");

        boolean ackedByMe = record.map(r -> r.getAcknowledgements().stream()
                .anyMatch(a -> a.getBy().equals(v.secretariat().id()))).orElse(false);
        if (mayAck && ackedByMe) {
            b.append("<p id=\"acked\" class=\"ok\">").append(l.pick("確認済みです", "You have acknowledged this incident"))
                    .append("</p>");
        } else if (mayAck) {
            b.append("<form id=\"ack-form\" class=\"ack\" method=\"post\" action=\"/incidents/")
                    .append(Html.esc(URLEncoder.encode(n.getIncidentKey(), StandardCharsets.UTF_8)))
                    .append("/acknowledge\">").append(Layout.csrfField(v))
                    .append("<h2>").append(l.pick("確認（アクノレッジ）", "Acknowledge")).append("</h2><p>")
                    .append(l.pick("確認者: ", "By: ")).append(Html.esc(v.secretariat().name())).append("</p>")
                    .append("<label>").append(l.pick("メモ（任意）", "Note (optional)"))
                    .append(" <textarea name=\"note\" maxlength=\"").append(AcknowledgeHandler.MAX_NOTE_CHARS)
                    .append("\" rows=\"3\"></textarea></label> <button type=\"submit\" id=\"ack-submit\">")
                    .append(l.pick("確認する", "Acknowledge")).append("</button></form>");
        }
        String page = Layout.page(v, n.getSummary() == null ? n.getIncidentKey() : n.getSummary(),
                seen.exercise() ? Layout.DRILLS : Layout.BOARD,
                "<div id=\"incident\" data-live=\"1\">" + b + "</div>");
        return page;
    }

    private static void fact(StringBuilder b, String name, String value) {
        b.append("<dt>").append(Html.esc(name)).append("</dt><dd>").append(Html.esc(value)).append("</dd>");
    }
}
