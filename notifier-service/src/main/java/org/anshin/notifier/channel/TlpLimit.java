package org.anshin.notifier.channel;

import java.util.Locale;
import java.util.Optional;
import org.anshin.schemas.Tlp;

/**
 * A channel's {@code maxTlp}: the most restricted TLP marking its audience may read. TLP 2.0 orders the
 * markings from widest to narrowest audience CLEAR &lt; GREEN &lt; AMBER &lt; AMBER+STRICT &lt; RED, which
 * is also the order of the Avro enum.
 */
public final class TlpLimit {
    private TlpLimit() {
    }

    /** {@code AMBER+STRICT} (TLP's spelling) and {@code AMBER_STRICT} (the Avro enum's), optional "TLP:". */
    public static Optional<Tlp> parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        if (t.startsWith("TLP:")) {
            t = t.substring(4);
        }
        t = t.replace('+', '_');
        for (Tlp tlp : Tlp.values()) {
            if (tlp.name().equals(t)) {
                return Optional.of(tlp);
            }
        }
        return Optional.empty();
    }

    public static boolean allows(Tlp max, Tlp notice) {
        return notice.ordinal() <= max.ordinal();
    }

    /** The receipt text of a skip, e.g. "TLP:RED is above this channel's maxTlp AMBER". */
    public static String reason(Tlp notice, Tlp max) {
        return Texts.tlp(notice) + " is above this channel's maxTlp " + Texts.tlp(max).substring(4)
                + " (not sent: only channels with maxTlp " + Texts.tlp(notice).substring(4) + " or higher may read it)";
    }
}
