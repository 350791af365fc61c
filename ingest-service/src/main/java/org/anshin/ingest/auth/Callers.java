package org.anshin.ingest.auth;

import java.time.Duration;
import java.util.Optional;
import org.anshin.common.config.Operator;
import org.anshin.common.config.Secretariat;

/**
 * Who sent a request: an operator, a secretariat, or nobody known. An endpoint for one kind answers the other
 * kind 403 (the token is valid, it is the wrong caller) and an unknown or missing token 401.
 */
public final class Callers {
    /** Secretariats issue a handful of advisories a day; this bounds a leaked token's or a script's damage. */
    public static final double SECRETARIAT_PER_SECOND = 5;
    public static final int SECRETARIAT_BURST = 20;

    private final TokenAuthenticator operators;
    private final SecretariatAuthenticator secretariats;
    private final RateLimiter limiter;

    public Callers(TokenAuthenticator operators, SecretariatAuthenticator secretariats, RateLimiter limiter) {
        this.operators = operators;
        this.secretariats = secretariats;
        this.limiter = limiter;
    }

    public Optional<Operator> operator(String authorization) {
        return operators.authenticate(authorization);
    }

    public Optional<Secretariat> secretariat(String authorization) {
        return secretariats.authenticate(authorization);
    }

    /** The operator's own bucket, shared with its reports (one client, one budget). */
    public Duration acquire(Operator operator) {
        return limiter.acquire(operator);
    }

    /** One bucket per secretariat, apart from every operator's. */
    public Duration acquire(Secretariat secretariat) {
        return limiter.acquire("secretariat:" + secretariat.id(), SECRETARIAT_PER_SECOND, SECRETARIAT_BURST);
    }
}
