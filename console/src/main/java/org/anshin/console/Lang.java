package org.anshin.console;

import java.util.Locale;

/** The console's two languages: Japanese by default, English on request (the {@code lang} cookie or parameter). */
public enum Lang {
    JA("ja"), EN("en");

    private final String tag;

    Lang(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }

    /** The text in this language. */
    public String pick(String ja, String en) {
        return this == JA ? ja : en;
    }

    /** {@code en} (any case) is English; anything else, absent included, is Japanese. */
    public static Lang of(String tag) {
        return tag != null && tag.toLowerCase(Locale.ROOT).startsWith("en") ? EN : JA;
    }
}
