package org.anshin.ingest.advisory;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.Optional;
import org.anshin.common.config.Operator;
import org.anshin.common.config.Secretariat;
import org.anshin.ingest.auth.Callers;
import org.anshin.ingest.auth.RateLimiter;
import org.anshin.ingest.http.Problem;

/**
 * Authentication and rate limit of the advisory and share endpoints: the right kind of caller, or 401 (no or an
 * unknown token) / 403 (a valid token of the other kind) / 429, each already answered when empty.
 */
public final class Gate {
    private final Callers callers;

    public Gate(Callers callers) {
        this.callers = callers;
    }

    public Optional<Secretariat> secretariat(Context ctx) {
        String authorization = ctx.header("Authorization");
        Optional<Secretariat> found = callers.secretariat(authorization);
        if (found.isEmpty()) {
            if (callers.operator(authorization).isPresent()) {
                Problem.FORBIDDEN_CALLER.send(ctx, "an operator token may not do this: it takes a secretariat's token"
                        + " (secretariats.yaml)");
            } else {
                unauthorized(ctx, "send Authorization: Bearer <secretariat token>");
            }
            return Optional.empty();
        }
        Duration wait = callers.acquire(found.get());
        if (!wait.isZero()) {
            ctx.header("Retry-After", Long.toString(RateLimiter.retryAfterSeconds(wait)));
            Problem.SECRETARIAT_RATE_LIMITED.send(ctx, "at most " + Callers.SECRETARIAT_PER_SECOND
                    + " requests per second (burst " + Callers.SECRETARIAT_BURST + ") from secretariat " + found.get().id());
            return Optional.empty();
        }
        return found;
    }

    public Optional<Operator> operator(Context ctx) {
        String authorization = ctx.header("Authorization");
        Optional<Operator> found = callers.operator(authorization);
        if (found.isEmpty()) {
            if (callers.secretariat(authorization).isPresent()) {
                Problem.FORBIDDEN_CALLER.send(ctx, "a secretariat token may not do this: it takes an operator's token"
                        + " (operators.yaml)");
            } else {
                unauthorized(ctx, "send Authorization: Bearer <operator token>");
            }
            return Optional.empty();
        }
        Duration wait = callers.acquire(found.get());
        if (!wait.isZero()) {
            ctx.header("Retry-After", Long.toString(RateLimiter.retryAfterSeconds(wait)));
            Problem.RATE_LIMITED.send(ctx, "too many requests from operator " + found.get().id());
            return Optional.empty();
        }
        return found;
    }

    private static void unauthorized(Context ctx, String detail) {
        ctx.header("WWW-Authenticate", "Bearer realm=\"anshin\"");
        Problem.UNAUTHORIZED.send(ctx, detail);
    }
}
