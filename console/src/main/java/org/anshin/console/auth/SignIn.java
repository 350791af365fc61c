package org.anshin.console.auth;

import org.anshin.common.config.Secretariat;

/**
 * A successful sign-in: the principal and the bearer token the console presents to ingest-service on its behalf.
 * The token stays in the server-side session; it is never put into a cookie, a page or a log line.
 */
public record SignIn(Secretariat secretariat, String bearerToken) {
    @Override
    public String toString() {
        return "SignIn[" + secretariat.id() + "]"; // no token
    }
}
