package org.anshin.notifier.channel;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How one attempt ended, as far as retrying is concerned.
 *
 * @param retryAfter the receiver's {@code Retry-After}, when it sent one with a retryable answer (429, 503, ...):
 *                   the next attempt of this message must not start before it; {@code null}: none
 * @param throttled  the receiver said "too many requests" (HTTP 429): its limit is per channel (PagerDuty: per
 *                   routing key), so the dispatcher pauses the whole channel, not only this pair
 */
public record SendResult(Kind kind, String error, Duration retryAfter, boolean throttled) {
    public enum Kind { DELIVERED, RETRYABLE, PERMANENT }

    public SendResult(Kind kind, String error) {
        this(kind, error, null, false);
    }

    public Optional<Duration> retryAfterDelay() {
        return Optional.ofNullable(retryAfter);
    }

    /** The same result with its error text passed through {@code f} (e.g. a channel's secret scrubber). */
    public SendResult mapError(java.util.function.UnaryOperator<String> f) {
        return error == null ? this : new SendResult(kind, f.apply(error), retryAfter, throttled);
    }

    public static SendResult delivered() {
        return new SendResult(Kind.DELIVERED, null);
    }

    public static SendResult retryable(String error) {
        return new SendResult(Kind.RETRYABLE, error);
    }

    public static SendResult permanent(String error) {
        return new SendResult(Kind.PERMANENT, error);
    }

    /**
     * HTTP answers: 2xx delivered; 408 (timeout) and 429 (throttled) and 5xx worth another try; any
     * other 4xx means the request itself is wrong and repeating it cannot help.
     */
    public static SendResult ofHttpStatus(int status, String bodySnippet) {
        return ofHttpStatus(status, bodySnippet, null, Instant.now());
    }

    /**
     * As {@link #ofHttpStatus(int, String)}, with the answer's {@code Retry-After} header (or {@code null}): kept
     * on a retryable answer, ignored on the others (a 2xx or a 400 has nothing to wait for).
     */
    public static SendResult ofHttpStatus(int status, String bodySnippet, String retryAfterHeader, Instant now) {
        if (status >= 200 && status < 300) {
            return delivered();
        }
        String error = "HTTP " + status + (bodySnippet == null || bodySnippet.isBlank() ? "" : ": " + bodySnippet);
        if (status >= 400 && status < 500 && status != 408 && status != 429) {
            return permanent(error);
        }
        Duration after = parseRetryAfter(retryAfterHeader, now).orElse(null);
        if (after != null) {
            error += " (Retry-After " + after.toMillis() + " ms)";
        }
        return new SendResult(Kind.RETRYABLE, error, after, status == 429);
    }

    /**
     * RFC 9110 section 10.2.3: {@code Retry-After} is either delay-seconds (a non-negative integer) or an
     * HTTP-date (IMF-fixdate, e.g. {@code Wed, 21 Oct 2026 07:28:00 GMT}; the obsolete RFC 850 and asctime forms
     * are not read). A date in the past means "now" (zero). Anything else is ignored: the normal backoff applies.
     */
    public static Optional<Duration> parseRetryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String v = header.strip();
        if (v.matches("\\d{1,10}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(now, at);
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * An HTTP exchange that ended without an answer: a timeout (or the cancellation that enforces it) and I/O
     * errors are worth another try, and so is anything else a client library throws (a bug must not end the
     * delivery). The caller scrubs the text of the channel's secrets.
     */
    public static SendResult ofHttpFailure(Throwable failure, java.time.Duration timeout) {
        Throwable e = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (e instanceof java.net.http.HttpTimeoutException || e instanceof java.util.concurrent.CancellationException) {
            return retryable("timeout after " + timeout.toMillis() + " ms");
        }
        if (e instanceof java.io.IOException) {
            return retryable(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return retryable(e.toString());
    }
}
