package org.anshin.console;

/** Ingest-service's answer: its HTTP status and body (JSON or problem+json). */
public record IngestAnswer(int status, String body) {

    public boolean accepted() {
        return status >= 200 && status < 300;
    }
}
