package org.anshin.console.pages;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.anshin.console.Lang;
import org.anshin.schemas.AdvisorySeverity;
import org.anshin.schemas.Tlp;

/** How the pages write times, TLP markings and severities. */
final class Formats {
    /** The plan's times are Japan time, for every reader of the console. */
    static final ZoneId JST = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(JST);

    private Formats() {
    }

    static String time(Instant t) {
        return t == null ? "-" : TIME.format(t) + " JST";
    }

    /** As the API and the TLP standard write it: {@code AMBER+STRICT}, not the Avro symbol. */
    static String tlp(Tlp t) {
        return t == Tlp.AMBER_STRICT ? "AMBER+STRICT" : t.name();
    }

    static String severity(AdvisorySeverity s, Lang lang) {
        return switch (s) {
            case INFO -> lang.pick("情報", "Info");
            case WARNING -> lang.pick("警告", "Warning");
            case CRITICAL -> lang.pick("緊急", "Critical");
        };
    }
}
