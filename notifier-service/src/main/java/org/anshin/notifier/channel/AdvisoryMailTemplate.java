package org.anshin.notifier.channel;

import org.anshin.schemas.AdvisoryNotice;

/**
 * An advisory's email: subject {@code [Anshin][情報提供][WARNING] <title>} (drills: {@code [Anshin][EXERCISE
 * 演習][情報提供]...}), plain text and HTML with the Japanese labels first, and one stable {@code Message-ID} per
 * notice and channel ({@code <safe(idempotencyKey)@domain>}: a retry or a re-send after a restart is recognisably
 * the same message). An advisory opens no thread.
 */
public final class AdvisoryMailTemplate {
    private AdvisoryMailTemplate() {
    }

    public static String subject(Outbound m) {
        AdvisoryNotice n = m.advisory();
        // a subject is one line: a title with line breaks would be folded or rejected
        String title = n.getTitle().replaceAll("[\\r\\n]+", " ");
        return "[Anshin]" + (n.getExercise() ? "[EXERCISE 演習]" : "") + "[情報提供][" + n.getSeverity() + "] " + title;
    }

    public static String messageId(Outbound m, String domain) {
        return "<" + MailTemplate.msgIdSafe(m.idempotencyKey()) + "@" + domain + ">";
    }

    public static String text(Outbound m) {
        AdvisoryNotice n = m.advisory();
        StringBuilder t = new StringBuilder();
        t.append("情報提供: ").append(n.getTitle()).append("\n\n");
        t.append("重要度: ").append(AdvisoryJson.severityJa(n)).append(" (").append(n.getSeverity()).append(")\n");
        t.append("情報区分: ").append(Texts.tlp(n.getTlp())).append('\n');
        t.append("分野: ").append(String.join(", ", n.getSectors())).append('\n');
        t.append("発信元: ").append(n.getIssuerId()).append('\n');
        t.append("発信日時: ").append(n.getIssuedAt()).append('\n');
        if (n.getExpiresAt() != null) {
            t.append("有効期限: ").append(n.getExpiresAt()).append('\n');
        }
        t.append('\n').append(n.getBody()).append("\n\n");
        if (!n.getReferences().isEmpty()) {
            t.append("参考 / References:\n");
            n.getReferences().forEach(r -> t.append("  ").append(r).append('\n'));
        }
        if (!n.getRelatedIncidentIds().isEmpty()) {
            t.append("関連インシデント / Related incidents: ").append(String.join(", ", n.getRelatedIncidentIds()))
                    .append('\n');
        }
        t.append("\n----- English -----\n");
        t.append("Advisory: ").append(AdvisoryJson.headline(n)).append('\n');
        t.append("Handling: ").append(Texts.tlp(n.getTlp())).append('\n');
        t.append("Sectors: ").append(String.join(", ", n.getSectors())).append('\n');
        t.append("Issuer: ").append(n.getIssuerId()).append('\n');
        t.append("Issued at: ").append(n.getIssuedAt()).append('\n');
        if (n.getExpiresAt() != null) {
            t.append("Expires at: ").append(n.getExpiresAt()).append('\n');
        }
        t.append("\nadvisory ").append(n.getAdvisoryId()).append(", notice ").append(n.getNoticeId()).append('\n');
        return t.toString();
    }

    public static String html(Outbound m) {
        AdvisoryNotice n = m.advisory();
        String color = switch (n.getSeverity()) {
            case CRITICAL -> "#b00020";
            case WARNING -> "#b26a00";
            case INFO -> "#5f6368";
        };
        StringBuilder h = new StringBuilder("<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"utf-8\"></head><body>");
        h.append("<h2 style=\"color:").append(color).append("\">").append(MailTemplate.esc("情報提供: " + n.getTitle()))
                .append("</h2><table>");
        row(h, "重要度 / Severity", AdvisoryJson.severityJa(n) + " " + n.getSeverity());
        row(h, "情報区分 / Handling", Texts.tlp(n.getTlp()));
        row(h, "分野 / Sectors", String.join(", ", n.getSectors()));
        row(h, "発信元 / Issuer", n.getIssuerId());
        row(h, "発信日時 / Issued at", n.getIssuedAt().toString());
        if (n.getExpiresAt() != null) {
            row(h, "有効期限 / Expires at", n.getExpiresAt().toString());
        }
        h.append("</table><p style=\"white-space:pre-wrap\">").append(MailTemplate.esc(n.getBody())).append("</p>");
        if (!n.getReferences().isEmpty()) {
            h.append("<ul>");
            // shown as text, not links: an issuer's URL is not made clickable by the hub
            n.getReferences().forEach(r -> h.append("<li>").append(MailTemplate.esc(r)).append("</li>"));
            h.append("</ul>");
        }
        h.append("<p style=\"color:#888\">advisory ").append(MailTemplate.esc(n.getAdvisoryId())).append(", notice ")
                .append(MailTemplate.esc(n.getNoticeId())).append("</p></body></html>");
        return h.toString();
    }

    private static void row(StringBuilder h, String label, String value) {
        h.append("<tr><th align=\"left\">").append(MailTemplate.esc(label)).append("</th><td>")
                .append(MailTemplate.esc(value)).append("</td></tr>");
    }
}
