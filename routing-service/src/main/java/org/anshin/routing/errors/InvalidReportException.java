package org.anshin.routing.errors;

/**
 * A readable report that cannot be routed (unknown sector, incident id owned by another operator,
 * key and incidentId disagree), or an advisory, feedback, receipt or share that routing refuses (the same path:
 * one exception type keeps the handler's cases few). The processing exception handler sends it to the dead-letter topic
 * with {@link #reason()} in the headers, and processing goes on.
 */
public final class InvalidReportException extends RuntimeException {
    private final DeadLetterReason reason;

    public InvalidReportException(DeadLetterReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public DeadLetterReason reason() {
        return reason;
    }
}
