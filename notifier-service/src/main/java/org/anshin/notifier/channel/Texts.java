package org.anshin.notifier.channel;

import org.anshin.schemas.Classification;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.NoticeType;
import org.anshin.schemas.Tlp;

/** Short human texts shared by every channel, in English and Japanese. */
public final class Texts {
    private Texts() {
    }

    public static String tlp(Tlp tlp) {
        return tlp == Tlp.AMBER_STRICT ? "TLP:AMBER+STRICT" : "TLP:" + tlp.name();
    }

    public static boolean exceeds(IncidentNotice n) {
        return n.getClassification() == Classification.EXCEEDS_VERIFICATION_LEVEL;
    }

    /**
     * e.g. {@code [EXERCISE] NEW electricity incident tepco-2026-0042: exceeds the verification level}; a notice of
     * escalation tier 2 or more says so: {@code ESCALATED (tier 2) electricity incident ...}.
     */
    public static String headlineEn(IncidentNotice n) {
        return (n.getExercise() ? "[EXERCISE] " : "") + n.getNoticeType().name() + tierEn(n) + " " + n.getSector()
                + " incident " + n.getIncidentId() + ": "
                + (exceeds(n) ? "exceeds the verification level" : "below the verification level");
    }

    public static String headlineJa(IncidentNotice n) {
        return (n.getExercise() ? "【演習】" : "") + "【" + noticeTypeJa(n) + "】" + n.getSector()
                + " 分野 IT障害 " + n.getIncidentId() + ": " + (exceeds(n) ? "検証レベル超過" : "検証レベル未満");
    }

    /** {@code " (tier 2)"} for a notice of escalation tier 2 or more; nothing for tier 1, whose texts are unchanged. */
    public static String tierEn(IncidentNotice n) {
        return n.getEscalationTier() >= 2 ? " (tier " + n.getEscalationTier() + ")" : "";
    }

    /**
     * The notice type in Japanese. Tier 1's ESCALATED is the incident crossing its verification level; a tier-2+
     * ESCALATED is a re-page because nobody acknowledged it (未確認エスカレーション), and its tier is named.
     */
    public static String noticeTypeJa(IncidentNotice n) {
        int tier = n.getEscalationTier();
        if (tier < 2) {
            return noticeTypeJa(n.getNoticeType());
        }
        String type = n.getNoticeType() == NoticeType.ESCALATED ? "未確認エスカレーション"
                : noticeTypeJa(n.getNoticeType());
        return type + "・第" + tier + "段階";
    }

    public static String noticeTypeJa(NoticeType type) {
        return switch (type) {
            case NEW -> "新規";
            case UPDATED -> "続報";
            case ESCALATED -> "検証レベル到達";
            case RESOLVED -> "復旧";
            case CASCADE_WARNING -> "波及警告";
        };
    }

    /** The operator's free text, or a note that TLP handling removed it. */
    public static String summary(IncidentNotice n) {
        return n.getSummary() == null ? "(summary withheld by TLP handling)" : n.getSummary();
    }

    /** At most {@code max} characters, the last one an ellipsis when something was cut. */
    public static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
