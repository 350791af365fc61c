package org.anshin.console;

import java.util.concurrent.CompletableFuture;

/** Stand-in (pages branch): calls to ingest-service's API with a secretariat's bearer token. */
public interface IngestCalls {
    CompletableFuture<IngestAnswer> post(String path, String bearerToken, String jsonBody);
}
