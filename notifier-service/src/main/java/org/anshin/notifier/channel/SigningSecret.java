package org.anshin.notifier.channel;

import java.util.Base64;
import java.util.Optional;

/**
 * A webhook channel's Standard Webhooks signing key: the config value is {@code whsec_} + base64(key), the key
 * 24 to 64 bytes as the specification asks. {@link #toString()} never shows it.
 */
public final class SigningSecret {
    public static final String PREFIX = "whsec_";
    static final int MIN_BYTES = 24;
    static final int MAX_BYTES = 64;

    private final byte[] key;
    private final String text;

    private SigningSecret(byte[] key, String text) {
        this.key = key;
        this.text = text;
    }

    /** The secret, or why the text is not one (the message never quotes the text). */
    public static SigningSecret parse(String text) {
        if (!text.startsWith(PREFIX)) {
            throw new IllegalArgumentException("must start with '" + PREFIX + "' followed by the base64 of the key");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the part after '" + PREFIX + "' is not base64");
        }
        if (key.length < MIN_BYTES || key.length > MAX_BYTES) {
            throw new IllegalArgumentException("the key must be " + MIN_BYTES + " to " + MAX_BYTES
                    + " bytes (got " + key.length + ")");
        }
        return new SigningSecret(key, text);
    }

    public byte[] key() {
        return key.clone();
    }

    /** The configured text, for scrubbing error texts only. */
    Optional<String> text() {
        return Optional.of(text);
    }

    @Override
    public String toString() {
        return PREFIX + "***";
    }
}
