package org.anshin.console;

import java.util.concurrent.CompletableFuture;

/**
 * Calls to ingest-service's API on behalf of a signed-in secretariat (the console writes nothing to Kafka itself).
 * The future never fails: an unreachable ingest answers a 503 problem body.
 */
public interface IngestCalls {
    /** POSTs {@code jsonBody} to {@code path} (e.g. {@code /v1/advisories}) with {@code Authorization: Bearer}. */
    CompletableFuture<IngestAnswer> post(String path, String bearerToken, String jsonBody);
}
