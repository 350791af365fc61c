package org.anshin.notifier.channel;

import org.anshin.schemas.IncidentNotice;

/**
 * The email's subject, plain text and HTML: Japanese first, then English, so that one message serves
 * every recipient of a CEPTOAR's mailing list.
 */
public final class MailTemplate {
    private MailTemplate() {
    }

    public static String subject(Outbound m) {
        IncidentNotice n = m.latest();
        return "[Anshin]" + (n.getExercise() ? "[EXERCISE 演習]" : "") + "[" + (Texts.exceeds(n) ? "EXCEEDS" : "BELOW")
                + "] " + n.getNoticeType() + " " + n.getSector() + " " + n.getIncidentId()
                + (m.grouped() ? " (+" + (m.notices().size() - 1) + ")" : "");
    }

    public static String text(Outbound m) {
        IncidentNotice n = m.latest();
        StringBuilder t = new StringBuilder();
        t.append(Texts.headlineJa(n)).append("\n\n");
        t.append("分野: ").append(n.getSector()).append('\n');
        t.append("セプター: ").append(n.getCeptoarId()).append('\n');
        t.append("判定理由: ").append(n.getReasonJa().isEmpty() ? n.getReason() : n.getReasonJa()).append('\n');
        t.append("概要: ").append(n.getSummary() == null ? "（TLP により非開示）" : n.getSummary()).append('\n');
        t.append("発生日時: ").append(n.getOccurredAt()).append('\n');
        t.append("情報区分: ").append(Texts.tlp(n.getTlp())).append("\n\n");
        t.append("----- English -----\n");
        t.append(Texts.headlineEn(n)).append("\n\n");
        t.append("Sector: ").append(n.getSector()).append('\n');
        t.append("CEPTOAR: ").append(n.getCeptoarId()).append('\n');
        t.append("Reason: ").append(n.getReason()).append('\n');
        t.append("Summary: ").append(Texts.summary(n)).append('\n');
        t.append("Occurred at: ").append(n.getOccurredAt()).append('\n');
        t.append("Handling: ").append(Texts.tlp(n.getTlp())).append('\n');
        if (m.grouped()) {
            t.append("\nThis message merges ").append(m.notices().size()).append(" notices / ")
                    .append(m.notices().size()).append(" 件の通知をまとめています:\n");
            m.notices().forEach(x -> t.append("  - ").append(x.getNoticeType()).append(' ')
                    .append(x.getNoticeId()).append('\n'));
        }
        t.append("\nnotice ").append(n.getNoticeId()).append('\n');
        return t.toString();
    }

    public static String html(Outbound m) {
        IncidentNotice n = m.latest();
        String color = Texts.exceeds(n) ? "#b00020" : "#5f6368";
        StringBuilder h = new StringBuilder("<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"utf-8\"></head><body>");
        h.append("<h2 style=\"color:").append(color).append("\">").append(esc(Texts.headlineJa(n))).append("</h2>");
        h.append("<table>");
        row(h, "分野 / Sector", n.getSector());
        row(h, "セプター / CEPTOAR", n.getCeptoarId());
        row(h, "判定理由", n.getReasonJa().isEmpty() ? n.getReason() : n.getReasonJa());
        row(h, "Reason", n.getReason());
        row(h, "概要 / Summary", Texts.summary(n));
        row(h, "発生日時 / Occurred at", n.getOccurredAt().toString());
        row(h, "情報区分 / Handling", Texts.tlp(n.getTlp()));
        h.append("</table>");
        h.append("<p>").append(esc(Texts.headlineEn(n))).append("</p>");
        if (m.grouped()) {
            h.append("<ul>");
            m.notices().forEach(x -> h.append("<li>").append(esc(x.getNoticeType() + " " + x.getNoticeId()))
                    .append("</li>"));
            h.append("</ul>");
        }
        h.append("<p style=\"color:#888\">notice ").append(esc(n.getNoticeId())).append("</p></body></html>");
        return h.toString();
    }

    private static void row(StringBuilder h, String label, String value) {
        h.append("<tr><th align=\"left\">").append(esc(label)).append("</th><td>").append(esc(value))
                .append("</td></tr>");
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
