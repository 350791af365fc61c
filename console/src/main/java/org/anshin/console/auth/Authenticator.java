package org.anshin.console.auth;

import java.util.Optional;

/**
 * Turns what a person typed (or, later, what an identity provider answered) into a signed-in secretariat. The
 * token form is one implementation ({@link TokenAuthenticator}); an OIDC provider can replace it by returning a
 * {@link SignIn} whose bearer token is the access token ingest-service accepts.
 */
public interface Authenticator {
    /** The secretariat behind {@code credential}, or empty when it is not one (never says why). */
    Optional<SignIn> authenticate(String credential);
}
