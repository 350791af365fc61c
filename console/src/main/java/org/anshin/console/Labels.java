package org.anshin.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.anshin.schemas.Classification;
import org.anshin.schemas.NoticeType;
import org.anshin.schemas.Tlp;

/** The words and times pages show, in the viewer's language. Times are Japan time, the secretariats' clock. */
public final class Labels {
    public static final ZoneId JST = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(JST);

    private Labels() {
    }

    public static String classification(Lang l, Classification c) {
        return c == Classification.EXCEEDS_VERIFICATION_LEVEL ? l.pick("検証レベル超過", "Exceeds verification level")
                : l.pick("検証レベル未満", "Below verification level");
    }

    public static String noticeType(Lang l, NoticeType t) {
        return switch (t) {
            case NEW -> l.pick("新規", "New");
            case UPDATED -> l.pick("更新", "Updated");
            case ESCALATED -> l.pick("エスカレーション", "Escalated");
            case RESOLVED -> l.pick("解決", "Resolved");
            case CASCADE_WARNING -> l.pick("波及警告", "Cascade warning");
        };
    }

    /** {@code TLP:AMBER+STRICT} style, as the contract writes it. */
    public static String tlp(Tlp t) {
        return "TLP:" + (t == Tlp.AMBER_STRICT ? "AMBER+STRICT" : t.name());
    }

    public static String status(Lang l, boolean open) {
        return open ? l.pick("対応中", "Open") : l.pick("解決済", "Resolved");
    }

    public static String time(Instant t) {
        return t == null ? "" : TIME.format(t) + " JST";
    }

    /** A short age: 5分 / 3時間12分 / 2日4時間 (5 min / 3 h 12 min / 2 d 4 h). */
    public static String age(Lang l, Duration d) {
        long minutes = Math.max(0, d.toMinutes());
        long days = minutes / (24 * 60);
        long hours = (minutes / 60) % 24;
        long mins = minutes % 60;
        if (days > 0) {
            return l.pick(days + "日" + hours + "時間", days + " d " + hours + " h");
        }
        if (hours > 0) {
            return l.pick(hours + "時間" + mins + "分", hours + " h " + mins + " min");
        }
        return l.pick(mins + "分", mins + " min");
    }

    /** The reason routing wrote, in the viewer's language (routing writes both). */
    public static String reason(Lang l, String reasonEn, String reasonJa) {
        if (l == Lang.JA && reasonJa != null && !reasonJa.isBlank()) {
            return reasonJa;
        }
        return reasonEn == null ? "" : reasonEn;
    }
}
