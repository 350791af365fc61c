package org.anshin.tools;

import java.security.SecureRandom;
import java.util.Base64;
import org.anshin.common.config.TokenHash;

/**
 * Issues operator tokens: 32 random bytes (256 bits) from a SecureRandom, base64url. Only the SHA-256
 * goes into operators.yaml; with that much entropy a fast hash cannot be brute-forced.
 */
public final class TokenIssuer {
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenIssuer() {
    }

    public record Issued(String token, String sha256Hex) {
    }

    public static Issued issue() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = "anshin_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new Issued(token, TokenHash.sha256Hex(token));
    }

}
