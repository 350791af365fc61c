package org.anshin.ingest.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.anshin.common.http.OpsRoutes;
import org.anshin.ingest.metrics.IngestMetrics;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Javalin app: the Ingest API, the OpenAPI document and the ops endpoints. */
public final class IngestHttp {
    private static final Logger LOG = LoggerFactory.getLogger(IngestHttp.class);
    public static final String OPENAPI_RESOURCE = "/openapi.yaml";

    private IngestHttp() {
    }

    /** One more endpoint of the public API (advisories, feedback, shares, acknowledgements). */
    public record Route(String method, String path, io.javalin.http.Handler handler) {
    }

    public static Javalin create(PostIncidentHandler post, GetIncidentHandler get, PrometheusMeterRegistry prometheus,
                                 IngestMetrics metrics, BooleanSupplier ready) {
        return create(post, get, java.util.List.of(), prometheus, metrics, ready,
                new ProblemTypes(java.util.Optional.empty()));
    }

    /**
     * Open connections at most; beyond it Jetty stops accepting (new clients wait in the kernel's backlog) and cuts
     * idle connections after {@link #IDLE_AT_LIMIT} instead of its usual 30 s. 4,000 is above the disaster burst's
     * need (5,700 operators over a minute, each connection a few ms busy); with the header cache off
     * ({@link #HEADER_CACHE_SIZE}) they cost a few KB each.
     */
    static final int MAX_CONNECTIONS = 4_000;
    static final Duration IDLE_AT_LIMIT = Duration.ofSeconds(5);
    /**
     * Jetty's per-connection cache of parsed header fields, off. At its default (1,024 entries) a connection's
     * parser builds, on its second request, a trie of a 98 KB char[] and a 1,024-slot node array: ~106 KB per
     * keep-alive connection. At 1,000 reports/s from an open-model client (a new connection whenever none is
     * free) ingest died of OutOfMemoryError with 2,080 such tries holding 204 MB of its 256 MB heap (heap dump of
     * the bench's end-to-end phase; BENCHMARKS.md). Operators send a handful of short headers: the cache saves a
     * few small strings per request.
     */
    static final int HEADER_CACHE_SIZE = 0;
    /**
     * The listen backlog: connections the kernel completes while Jetty's acceptor has not taken them yet. Jetty's
     * default (0) becomes Java's 50; at 1,000 new connections/s on a 2-core machine whose CPU the pipeline shares,
     * 50 fill in a fraction of a second and further clients wait for SYN retransmits (1 s, 3 s) until their connect
     * timeout. 1,024 is a second of such arrivals (nginx keeps 511; the kernel caps it at net.core.somaxconn).
     */
    static final int ACCEPT_QUEUE_SIZE = 1_024;

    static NetworkConnectionLimit connectionLimit(Server server) {
        var limit = new NetworkConnectionLimit(MAX_CONNECTIONS, server);
        limit.setEndPointIdleTimeout(IDLE_AT_LIMIT.toMillis());
        return limit;
    }

    public static Javalin create(PostIncidentHandler post, GetIncidentHandler get, java.util.List<Route> more,
                                 PrometheusMeterRegistry prometheus, IngestMetrics metrics, BooleanSupplier ready,
                                 ProblemTypes problemTypes) {
        byte[] openapi = openapi();
        ProblemDocs problemDocs = ProblemDocs.load();
        return Javalin.create(config -> {
            errorHandling(config, problemTypes);
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            // Jetty waits this long for running requests when stopped; InFlight drains POSTs before that
            config.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheSize(HEADER_CACHE_SIZE));
            config.jetty.modifyServer(server -> {
                server.setStopTimeout(Duration.ofSeconds(15).toMillis());
                server.addBean(connectionLimit(server));
                // Javalin adds its connector after this and before it starts the server; it opens at start
                server.addEventListener(new LifeCycle.Listener() {
                    @Override
                    public void lifeCycleStarting(LifeCycle event) {
                        for (Connector c : server.getConnectors()) {
                            if (c instanceof ServerConnector sc) {
                                sc.setAcceptQueueSize(ACCEPT_QUEUE_SIZE);
                            }
                        }
                    }
                });
            });
            config.requestLogger.http((ctx, ms) -> metrics.httpRequest(ctx.method().name(), route(ctx),
                    ctx.statusCode(), Duration.ofNanos((long) (ms * 1_000_000))));
            OpsRoutes.install(config, prometheus, ready);
            config.routes.post("/v1/incidents", post);
            config.routes.get("/v1/incidents/{incidentId}", get);
            for (Route route : more) {
                switch (route.method()) {
                    case "GET" -> config.routes.get(route.path(), route.handler());
                    case "POST" -> config.routes.post(route.path(), route.handler());
                    default -> throw new IllegalArgumentException("no " + route.method() + " routes here");
                }
            }
            config.routes.get("/openapi.yaml", ctx -> ctx.contentType("application/yaml").result(openapi));
            config.routes.get(ProblemTypes.PATH + "{name}", problemDocs);
        });
    }

    /**
     * What makes every error a problem document: the type URIs' base, Javalin's own 404 (no route) and 405 (a
     * known path, another method: with Allow), and the last line of defence for unexpected failures (500, the
     * cause in the log, never in the answer).
     */
    public static void errorHandling(io.javalin.config.JavalinConfig config, ProblemTypes problemTypes) {
        config.appData(ProblemTypes.KEY, problemTypes);
        config.http.prefer405over404 = true;
        config.routes.exception(HttpResponseException.class, IngestHttp::routingProblem);
        config.routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
            Problem.INTERNAL.send(ctx, "unexpected error; it has been logged");
        });
    }

    private static void routingProblem(HttpResponseException e, Context ctx) {
        if (e.getStatus() == 405) {
            String allow = e.getDetails().getOrDefault("availableMethods", "");
            ctx.header("Allow", allow);
            Problem.METHOD_NOT_ALLOWED.send(ctx, ctx.method() + " is not allowed on " + ctx.path() + "; allowed: " + allow);
        } else if (e.getStatus() == 404) {
            Problem.ROUTE_NOT_FOUND.send(ctx, "this service has no " + ctx.path() + "; see /openapi.yaml");
        } else if (e.getStatus() == 413) {
            // Javalin's own request-size limit, should a body ever be read past ours
            Problem.TOO_LARGE.send(ctx, "the request body is too large");
        } else {
            // nothing of ours throws Javalin's response exceptions; should Javalin itself, keep the problem shape
            LOG.error("unexpected HTTP {} from Javalin on {} {}", e.getStatus(), ctx.method(), ctx.path(), e);
            Problem.INTERNAL.send(ctx, "unexpected error; it has been logged");
        }
    }

    /** The route pattern (bounded), not the raw path, for metric tags. */
    private static String route(Context ctx) {
        // endpoint() throws when no route matched; the list is simply empty then (no before/after handlers here)
        java.util.List<io.javalin.router.Endpoint> matched = ctx.endpoints().list();
        return matched.isEmpty() ? "NOT_FOUND" : matched.get(matched.size() - 1).path;
    }

    private static byte[] openapi() {
        try (InputStream in = IngestHttp.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(OPENAPI_RESOURCE + " missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
