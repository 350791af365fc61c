package org.anshin.ingest.auth;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import org.anshin.common.config.Secretariat;
import org.anshin.common.config.Secretariats;

/**
 * Bearer token to secretariat (secretariats.yaml), the same way {@link TokenAuthenticator} finds operators: the
 * SHA-256 of the token, a map probe, then a constant-time compare of the whole hash.
 */
public final class SecretariatAuthenticator {
    private final Secretariats secretariats;

    public SecretariatAuthenticator(Secretariats secretariats) {
        this.secretariats = secretariats;
    }

    public Optional<Secretariat> authenticate(String authorizationHeader) {
        Optional<byte[]> hash = TokenAuthenticator.bearerHash(authorizationHeader);
        if (hash.isEmpty()) {
            return Optional.empty();
        }
        Optional<Secretariat> found = secretariats.byTokenSha256(HexFormat.of().formatHex(hash.get()));
        return found.filter(s -> s.tokenHashes().stream()
                .anyMatch(h -> MessageDigest.isEqual(HexFormat.of().parseHex(h), hash.get())));
    }
}
