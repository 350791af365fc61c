package org.anshin.common.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How a bearer token is stored in {@code operators.yaml}: the hex SHA-256 of its UTF-8 bytes. Tokens are
 * random 256-bit secrets, so a fast hash cannot be brute-forced; the one place that defines the format.
 */
public final class TokenHash {
    private TokenHash() {
    }

    public static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has SHA-256", e);
        }
    }

    public static String sha256Hex(String token) {
        return HexFormat.of().formatHex(sha256(token));
    }
}
