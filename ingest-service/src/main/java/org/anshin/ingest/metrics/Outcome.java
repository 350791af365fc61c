package org.anshin.ingest.metrics;

import java.util.Locale;

/** Values of the {@code outcome} tag of {@code anshin_reports_received_total}: a closed set. */
public enum Outcome {
    ACCEPTED, INVALID, UNAUTHORIZED, FORBIDDEN, RATE_LIMITED, TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, UNAVAILABLE;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
