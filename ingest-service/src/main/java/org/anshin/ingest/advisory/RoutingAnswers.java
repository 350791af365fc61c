package org.anshin.ingest.advisory;

import io.javalin.http.Context;
import java.net.http.HttpResponse;
import org.anshin.ingest.http.AckedWrite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How an answer of routing's internal API that is neither 200 nor 404 (or no answer) reaches the client: 503. */
final class RoutingAnswers {
    private static final Logger LOG = LoggerFactory.getLogger(RoutingAnswers.class);
    static final String UNREACHABLE = "routing-service, which holds advisory and incident state, is not reachable";

    private RoutingAnswers() {
    }

    /** True when the answer was a 503 sent here; false for a 200 or 404 the caller handles. */
    static boolean unavailable(Context ctx, AckedWrite write, HttpResponse<byte[]> response, Throwable error, String what) {
        if (error != null) {
            LOG.warn("routing-service not reachable for {}: {}", what, error.toString());
            write.unavailable(ctx, UNREACHABLE);
            return true;
        }
        int status = response.statusCode();
        if (status == 200 || status == 404) {
            return false;
        }
        if (status == 401) {
            LOG.error("routing-service refused ingest's internal token: both must be given the same --internal-token");
            write.unavailable(ctx, UNREACHABLE);
        } else {
            write.unavailable(ctx, "routing-service answered " + status + " for " + what);
        }
        return true;
    }
}
