package org.anshin.console;

/** Stand-in (pages branch): ingest-service's answer. */
public record IngestAnswer(int status, String body) {
}
