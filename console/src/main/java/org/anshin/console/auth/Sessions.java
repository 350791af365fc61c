package org.anshin.console.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server-side session store: a random 256-bit id per sign-in (the cookie's value), expiring after
 * {@code idle} without a request and after {@code absolute} whatever happens. Lost on restart by design: a
 * restarted console asks everyone to sign in again rather than keeping bearer tokens on disk.
 */
public final class Sessions {
    private final Map<String, Session> byId = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Duration idle;
    private final Duration absolute;

    public Sessions(Clock clock, Duration idle, Duration absolute) {
        this.clock = clock;
        this.idle = idle;
        this.absolute = absolute;
    }

    public Session create(SignIn signIn) {
        sweep();
        Session s = new Session(randomToken(), signIn, randomToken(), clock.instant());
        byId.put(s.id(), s);
        return s;
    }

    /** The live session with this id, its idle clock restarted; empty (and forgotten) when expired. */
    public Optional<Session> find(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        Session s = byId.get(id);
        if (s == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (expired(s, now)) {
            byId.remove(id, s);
            return Optional.empty();
        }
        s.touch(now);
        return Optional.of(s);
    }

    /** Whether the session still exists and has not expired, without counting as activity (live streams). */
    public boolean alive(Session s) {
        return byId.get(s.id()) == s && !expired(s, clock.instant());
    }

    public void remove(Session s) {
        byId.remove(s.id(), s);
    }

    public int size() {
        return byId.size();
    }

    public Duration absolute() {
        return absolute;
    }

    private boolean expired(Session s, Instant now) {
        return !now.isBefore(s.lastSeen().plus(idle)) || !now.isBefore(s.createdAt().plus(absolute));
    }

    private void sweep() {
        Instant now = clock.instant();
        byId.values().removeIf(s -> expired(s, now));
    }

    private String randomToken() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
