package org.anshin.ingest.validation;

/** Rules for free text and identifiers that Avro, Kafka keys and downstream channels can carry safely. */
public final class Text {
    private Text() {
    }

    /**
     * Why {@code s} is not acceptable text, or null. Lone surrogates (from {@code \\uD800} escapes) would turn
     * into '?' when Avro writes UTF-8, so they are refused rather than silently changed; control characters
     * are refused because they end up in mails and chat messages (line breaks and tabs only where multiline).
     */
    public static String problem(String s, int maxLength, boolean multiline) {
        if (s.isEmpty()) {
            return "must not be empty";
        }
        if (s.length() > maxLength) {
            return "must be at most " + maxLength + " characters, got " + s.length();
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "contains an unpaired surrogate (not valid Unicode)";
            } else if (Character.isISOControl(c) && !(multiline && (c == '\n' || c == '\r' || c == '\t'))) {
                return "contains a control character (U+" + String.format("%04X", (int) c) + ")";
            }
        }
        if (s.isBlank()) {
            return "must not be blank";
        }
        return null;
    }
}
