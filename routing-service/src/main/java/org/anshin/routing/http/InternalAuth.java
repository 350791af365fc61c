package org.anshin.routing.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The internal query API's credential: a shared token (from {@code --internal-token}, its environment
 * variable or a secret file) that ingest-service and the other routing instances send as
 * {@code Authorization: Bearer <token>}. Compared as SHA-256 digests in constant time; never logged.
 */
public final class InternalAuth {
    public static final int MIN_TOKEN_CHARS = 16;
    private final byte[] expected;

    public InternalAuth(String token) {
        if (token == null || token.length() < MIN_TOKEN_CHARS) {
            throw new IllegalArgumentException("the internal token must be at least " + MIN_TOKEN_CHARS
                    + " characters (set --internal-token, ANSHIN_INTERNAL_TOKEN or ANSHIN_INTERNAL_TOKEN_FILE)");
        }
        this.expected = sha256(token);
        this.header = "Bearer " + token;
    }

    private final String header;

    public boolean allows(Context ctx) {
        String h = ctx.header("Authorization");
        return h != null && h.startsWith("Bearer ") && MessageDigest.isEqual(expected, sha256(h.substring(7)));
    }

    /** Whether the request carries the token; if not, answers 401 with the challenge and returns false. */
    public boolean require(Context ctx) {
        if (allows(ctx)) {
            return true;
        }
        ctx.header("WWW-Authenticate", "Bearer realm=\"anshin-internal\"");
        IncidentQuery.problem(ctx, 401, "Unauthorized", "the internal query API needs the internal token");
        return false;
    }

    /** The header value to forward a request to another instance with. */
    String authorization() {
        return header;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "InternalAuth[token hidden]";
    }
}
