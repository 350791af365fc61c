package org.anshin.notifier.channel;

import java.nio.charset.StandardCharsets;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.NoticeKeys;
import org.anshin.schemas.NoticeType;

/**
 * The email's subject, threading headers, plain text and HTML: Japanese first, then English, so that one message
 * serves every recipient of a CEPTOAR's mailing list.
 */
public final class MailTemplate {
    private MailTemplate() {
    }

    /**
     * {@code [Anshin][electricity] incident inc-1: ESCALATED [EXCEEDS]} ({@code ESCALATED (tier 2) [EXCEEDS]} for a
     * tier-2 page): the part up to the colon names the incident
     * and never changes during its life (classification does change, on ESCALATED, so it is not in that part), so
     * clients that thread or sort by subject keep one incident together; notice type and classification follow.
     * Drills: {@code [Anshin][EXERCISE 演習][electricity] ...}.
     */
    public static String subject(Outbound m) {
        IncidentNotice n = m.latest();
        return threadSubject(n) + ": " + n.getNoticeType() + Texts.tierEn(n) + " ["
                + (Texts.exceeds(n) ? "EXCEEDS" : "BELOW") + "]"
                + (m.grouped() ? " (+" + (m.notices().size() - 1) + ")" : "");
    }

    /** The constant part of every subject of one incident. */
    static String threadSubject(IncidentNotice n) {
        return "[Anshin]" + (n.getExercise() ? "[EXERCISE 演習]" : "") + "[" + n.getSector() + "] incident "
                + n.getIncidentId();
    }

    /**
     * The message's {@code Message-ID}. The NEW notice's message IS the thread root ({@link #threadRoot}), so the
     * thread's parent really exists in the recipient's mailbox; every other message is
     * {@code <safe(idempotencyKey)@domain>}. Both depend only on the message's first notice and the channel: a
     * retry or a re-send after a restart has the same id.
     */
    public static String messageId(Outbound m, String domain) {
        if (opensThread(m)) {
            return threadRoot(m, domain);
        }
        return "<" + msgIdSafe(m.idempotencyKey()) + "@" + domain + ">";
    }

    /** Whether this message is the incident's first one (its first notice is the NEW notice). */
    public static boolean opensThread(Outbound m) {
        return m.notices().get(0).getNoticeType() == NoticeType.NEW;
    }

    /**
     * {@code <incident.<safe(incidentKey)>.<safe(channelId)>@domain>}: one thread per incident and channel; what
     * {@code In-Reply-To} and {@code References} of every later message name.
     */
    public static String threadRoot(Outbound m, String domain) {
        return "<incident." + msgIdSafe(NoticeKeys.incidentKey(m.latest())) + "." + msgIdSafe(m.channel().id()) + "@"
                + domain + ">";
    }

    /**
     * Makes text an RFC 5322 {@code dot-atom-text} (the left side of a msg-id), deterministically and reversibly:
     * ASCII letters, digits, {@code -} and {@code _} stay; a {@code .} stays unless it would be first, last or
     * follow another dot; every other character, as UTF-8 bytes, becomes {@code =XX} (upper-case hex), so
     * {@code electricity/email-2} is {@code electricity=2Femail-2}. ({@code /} would be legal, but archives and
     * web mail put Message-IDs into URLs and search queries, where it is not.)
     */
    public static String msgIdSafe(String text) {
        StringBuilder out = new StringBuilder();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean plain = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '-'
                    || b == '_';
            boolean dot = b == '.' && i > 0 && i < bytes.length - 1 && bytes[i - 1] != '.';
            if (plain || dot) {
                out.append((char) b);
            } else {
                out.append('=').append(HEX.charAt(b >> 4)).append(HEX.charAt(b & 0xf));
            }
        }
        return out.toString();
    }

    private static final String HEX = "0123456789ABCDEF";

    /**
     * The Message-ID domain: the channel's {@code messageIdDomain} (config parsing sets it to the domain of
     * {@code from} when not given), else the domain of {@code from}, else {@code anshin.invalid}.
     */
    public static String domain(ChannelSpec spec) {
        return spec.options().messageIdDomain().orElseGet(() -> {
            String from = spec.from().orElse("");
            String d = from.substring(from.lastIndexOf('@') + 1).replaceAll("[>\\s]+$", "");
            return from.contains("@") && d.matches("(?i)[a-z0-9.-]+") && !d.isEmpty() ? d : "anshin.invalid";
        });
    }

    /** With the default incident link (tests, tools). */
    public static String text(Outbound m) {
        return text(m, IncidentLinks.DEFAULT);
    }

    /** The plain-text part; it ends with the incident's page ({@code --incident-url-template}) and the notice id. */
    public static String text(Outbound m, IncidentLinks links) {
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
        t.append("\n詳細 / Incident page: ").append(links.of(n)).append('\n');
        t.append("\nnotice ").append(n.getNoticeId()).append('\n');
        return t.toString();
    }

    /** With the default incident link (tests, tools). */
    public static String html(Outbound m) {
        return html(m, IncidentLinks.DEFAULT);
    }

    public static String html(Outbound m, IncidentLinks links) {
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
        h.append("<p><a href=\"").append(esc(links.of(n))).append("\">インシデントの詳細 / Incident page</a></p>");
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
