package org.anshin.notifier.delivery;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import org.anshin.notifier.channel.SendResult;

/**
 * When to try a channel again: exponential backoff ({@code initial * 2^(n-1)}, capped at {@code max})
 * with jitter (a random 50-100 % of it, so that a receiver coming back is not hit by every notifier in
 * the same millisecond), bounded by attempts and by the age of the first attempt.
 *
 * <p>Hand-written on purpose (issue 16 looked at Failsafe, {@code dev.failsafe:failsafe}): this is only the pure
 * "how long until the next attempt" function; the {@link Dispatcher}'s lanes own the attempts, schedule them on
 * their own executors and persist nothing but the batch's first-attempt time. Failsafe's {@code RetryPolicy}
 * computes its delays only inside its own executions (sync, or async on its scheduler), which would take the
 * scheduling away from the non-blocking lanes; and its jitter is symmetric ({@code delay +/- factor}), while
 * here it is 50-100 % of the backoff with a receiver's {@code Retry-After} as a floor past {@code maxBackoff}.
 */
public record RetryPolicy(int maxAttempts, Duration maxAge, Duration initialBackoff, Duration maxBackoff) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1");
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff");
        }
    }

    /** The backoff before attempt {@code attemptsDone + 1}, without jitter. */
    public Duration backoff(int attemptsDone) {
        long initial = initialBackoff.toMillis();
        int shift = Math.min(Math.max(attemptsDone - 1, 0), 30);
        long ms = initial << shift;
        if (ms < 0 || ms > maxBackoff.toMillis() || (shift > 0 && ms >>> shift != initial)) {
            ms = maxBackoff.toMillis();
        }
        return Duration.ofMillis(ms);
    }

    /**
     * The wait before the next attempt, or empty when this outcome is final: delivered, a permanent
     * error, the last attempt, or a next attempt that would start after {@code maxAge}. A receiver's
     * {@code Retry-After} is a floor: the wait is the jittered backoff or the Retry-After, whichever is longer
     * (not capped by {@code maxBackoff}: the receiver said so; a Retry-After beyond {@code maxAge} ends the tries).
     */
    public Optional<Duration> next(SendResult result, int attemptsDone, Duration age, DoubleSupplier random) {
        if (result.kind() != SendResult.Kind.RETRYABLE || attemptsDone >= maxAttempts) {
            return Optional.empty();
        }
        long full = backoff(attemptsDone).toMillis();
        long delay = full / 2 + Math.round(random.getAsDouble() * (full - full / 2));
        if (result.retryAfter() != null) {
            delay = Math.max(delay, result.retryAfter().toMillis());
        }
        if (age.plusMillis(delay).compareTo(maxAge) > 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(delay));
    }
}
