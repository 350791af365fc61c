package org.anshin.ingest.auth;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.anshin.common.config.Operator;
import org.anshin.common.config.TokenHash;
import org.anshin.common.config.Operators;

/**
 * Bearer token to operator. Only SHA-256 hashes of tokens are held (config never has a plain token).
 *
 * <p>The lookup is a hash-map probe on the token's hash followed by a constant-time comparison of the full
 * hash: timing can at most reveal something about the hash of the caller's own guess, and SHA-256 is
 * pre-image resistant, so that does not help guessing a real token. Tokens are random high-entropy secrets,
 * so a fast unsalted hash is enough.
 */
public final class TokenAuthenticator {
    private static final String BEARER = "bearer ";
    /** Longer headers are not tokens we issued; refusing them early bounds the hashing work. */
    private static final int MAX_TOKEN_LENGTH = 512;

    private final Map<String, Entry> byHash = new HashMap<>();

    private record Entry(byte[] hash, Operator operator) {
    }

    public TokenAuthenticator(Operators operators) {
        for (Operator op : operators.byId().values()) {
            for (String hash : op.tokenSha256s()) { // two while a token is rotated
                byHash.put(hash, new Entry(HexFormat.of().parseHex(hash), op));
            }
        }
    }

    /** The operator named by an {@code Authorization} header value, if it is a known bearer token. */
    public Optional<Operator> authenticate(String authorizationHeader) {
        Optional<byte[]> hash = bearerHash(authorizationHeader);
        if (hash.isEmpty()) {
            return Optional.empty();
        }
        Entry entry = byHash.get(HexFormat.of().formatHex(hash.get()));
        if (entry == null || !MessageDigest.isEqual(entry.hash(), hash.get())) {
            return Optional.empty();
        }
        return Optional.of(entry.operator());
    }

    /** The SHA-256 of the bearer token in an {@code Authorization} header value; empty when there is none. */
    static Optional<byte[]> bearerHash(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.length() <= BEARER.length()
                || authorizationHeader.length() > BEARER.length() + MAX_TOKEN_LENGTH
                || !authorizationHeader.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        String token = authorizationHeader.substring(BEARER.length()).trim();
        if (token.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(TokenHash.sha256(token));
    }
}
