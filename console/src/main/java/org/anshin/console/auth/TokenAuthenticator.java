package org.anshin.console.auth;

import java.util.Optional;
import org.anshin.common.config.Secretariats;
import org.anshin.common.config.TokenHash;

/**
 * Sign-in with a secretariat token of secretariats.yaml (which holds only SHA-256 hashes): the same token the
 * secretariat would send to ingest-service, which the console then forwards for it.
 */
public final class TokenAuthenticator implements Authenticator {
    /** Longer input is no token of ours; refusing it early bounds the hashing work per request. */
    static final int MAX_TOKEN_CHARS = 512;
    private final Secretariats secretariats;

    public TokenAuthenticator(Secretariats secretariats) {
        this.secretariats = secretariats;
    }

    @Override
    public Optional<SignIn> authenticate(String credential) {
        if (credential == null) {
            return Optional.empty();
        }
        String token = credential.strip();
        if (token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            return Optional.empty();
        }
        return secretariats.byTokenSha256(TokenHash.sha256Hex(token)).map(s -> new SignIn(s, token));
    }
}
