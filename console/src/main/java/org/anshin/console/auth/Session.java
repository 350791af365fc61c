package org.anshin.console.auth;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.anshin.common.config.Secretariat;

/**
 * One signed-in browser: the principal, the bearer token for ingest (server-side only), the CSRF synchronizer
 * token, and the times its expiry is computed from. The id is the cookie's value.
 */
public final class Session {
    private final String id;
    private final SignIn signIn;
    private final String csrfToken;
    private final Instant createdAt;
    private volatile Instant lastSeen;
    private final AtomicInteger streams = new AtomicInteger();

    Session(String id, SignIn signIn, String csrfToken, Instant createdAt) {
        this.id = id;
        this.signIn = signIn;
        this.csrfToken = csrfToken;
        this.createdAt = createdAt;
        this.lastSeen = createdAt;
    }

    public String id() {
        return id;
    }

    public Secretariat secretariat() {
        return signIn.secretariat();
    }

    /** The token presented to ingest-service for this secretariat: never to be sent to the browser. */
    public String bearerToken() {
        return signIn.bearerToken();
    }

    public String csrfToken() {
        return csrfToken;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant lastSeen() {
        return lastSeen;
    }

    void touch(Instant now) {
        lastSeen = now;
    }

    /** Takes one of the session's live-stream slots; false when all {@code max} are in use. */
    public boolean openStream(int max) {
        while (true) {
            int n = streams.get();
            if (n >= max) {
                return false;
            }
            if (streams.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    public void closeStream() {
        streams.decrementAndGet();
    }

    public int streams() {
        return streams.get();
    }

    @Override
    public String toString() {
        return "Session[" + signIn.secretariat().id() + "]"; // neither id, token nor CSRF token
    }
}
