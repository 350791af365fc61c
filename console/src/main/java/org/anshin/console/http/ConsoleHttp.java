package org.anshin.console.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.anshin.common.config.AnshinConfig;
import org.anshin.common.http.OpsRoutes;
import org.anshin.console.IngestCalls;
import org.anshin.console.Lang;
import org.anshin.console.Viewer;
import org.anshin.console.access.Visibility;
import org.anshin.console.auth.LoginRoutes;
import org.anshin.console.auth.Session;
import org.anshin.console.auth.Sessions;
import org.anshin.console.board.Board;
import org.anshin.console.board.BoardFilter;
import org.anshin.console.board.BoardJson;
import org.anshin.console.board.BoardPage;
import org.anshin.console.events.EventHub;
import org.anshin.console.incident.AcknowledgeHandler;
import org.anshin.console.incident.IncidentPage;
import org.anshin.console.view.Records;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The console's web app: the gate, sign-in, board, incident pages, live stream, static files and ops endpoints. */
public final class ConsoleHttp {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleHttp.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the routes are built from. */
    public record Parts(AnshinConfig config, Sessions sessions, LoginRoutes login, Visibility visibility,
                        Records records, EventHub hub, IngestCalls ingest, int streamsPerSession, Clock clock) {
    }

    private ConsoleHttp() {
    }

    public static Javalin create(Parts p, PrometheusMeterRegistry registry, BooleanSupplier ready) {
        Gate gate = new Gate(p.sessions());
        Board board = new Board(p.visibility(), p.records(), p.config().levels(), p.clock());
        BoardPage boardPage = new BoardPage(p.config().levels());
        AcknowledgeHandler ack = new AcknowledgeHandler(p.visibility(), p.ingest());
        // one stylesheet: the console's and the advisory/review pages' (the CSP allows only 'self' styles)
        byte[] css = concat(resource("/static/console.css"), resource("/pages/pages.css"));
        byte[] js = resource("/static/console.js");
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.requestLogger.http((ctx, ms) -> Timer.builder("console.http.requests")
                    .tag("method", ctx.method().name()).tag("route", route(ctx))
                    .tag("status", String.valueOf(ctx.statusCode())).register(registry)
                    .record(Duration.ofNanos((long) (ms * 1_000_000))));
            config.routes.before(gate::before);
            OpsRoutes.install(config, registry, ready);
            config.routes.get("/healthz", ctx -> ctx.contentType("application/json").result("{\"status\":\"UP\"}"));
            config.routes.get("/readyz", ctx -> {
                boolean ok = ready.getAsBoolean();
                ctx.status(ok ? 200 : 503).contentType("application/json")
                        .result("{\"status\":\"" + (ok ? "UP" : "DOWN") + "\"}");
            });
            config.routes.get("/static/console.css", ctx -> ctx.header("Cache-Control", "max-age=300")
                    .contentType("text/css; charset=utf-8").result(css));
            config.routes.get("/static/console.js", ctx -> ctx.header("Cache-Control", "max-age=300")
                    .contentType("text/javascript; charset=utf-8").result(js));
            config.routes.get("/login", p.login()::form);
            config.routes.post("/login", p.login()::signIn);
            config.routes.post("/logout", p.login()::signOut);
            config.routes.get("/", ctx -> {
                Viewer v = Gate.viewer(ctx);
                BoardFilter f = BoardFilter.from(ctx);
                ctx.html(boardPage.render(v, f, board.rows(v, f)));
            });
            config.routes.get("/board.json", ctx -> {
                Viewer v = Gate.viewer(ctx);
                BoardFilter f = BoardFilter.from(ctx);
                ctx.contentType("application/json")
                        .result(JSON.writeValueAsBytes(BoardJson.of(v.lang(), f, board.rows(v, f))));
            });
            config.routes.get("/incidents/{incidentKey}", ctx -> incident(ctx, p.visibility()));
            PageRoutes.install(config, p.config(), p.records(), p.ingest(), p.clock());
            config.routes.post("/incidents/{incidentKey}/acknowledge", ack);
            config.routes.before("/events", ctx -> {
                Session s = Gate.session(ctx);
                if (s.streams() >= p.streamsPerSession()) {
                    ctx.status(429).contentType("application/problem+json")
                            .result("{\"title\":\"Too Many Requests\",\"status\":429,"
                                    + "\"detail\":\"this session has too many live streams open\"}");
                    ctx.skipRemainingHandlers();
                }
            });
            config.routes.sse("/events", client -> {
                Session s = Gate.session(client.ctx());
                if (!s.openStream(p.streamsPerSession())) {
                    client.close();
                    return;
                }
                p.hub().open(s, Gate.viewer(client.ctx()), client);
            });
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("unexpected error on {} {}", ctx.method(), route(ctx), e);
                ctx.status(500).contentType("text/plain; charset=utf-8").result("unexpected error; it has been logged");
            });
        });
    }

    private static void incident(Context ctx, Visibility visibility) {
        Viewer v = Gate.viewer(ctx);
        Optional<Visibility.Seen> seen = visibility.find(v, ctx.pathParam("incidentKey"));
        if (seen.isEmpty()) {
            ctx.status(404).html(Gate.notFoundPage(v));
            return;
        }
        Lang l = v.lang();
        Optional<IncidentPage.Message> msg = "sent".equals(ctx.queryParam("ack"))
                ? Optional.of(new IncidentPage.Message(true, l.pick(
                "確認を送信しました。記録に反映されると表示されます。",
                "Acknowledgement sent; it appears here once the record has it.")))
                : Optional.empty();
        ctx.html(IncidentPage.render(v, seen.get(), visibility.record(v, seen.get()),
                visibility.mayAcknowledge(v, seen.get()), msg));
    }

    /** The route pattern (bounded), never the raw path (it holds incident keys), for metric tags. */
    private static String route(Context ctx) {
        var matched = ctx.endpoints().list();
        return matched.isEmpty() ? "NOT_FOUND" : matched.get(matched.size() - 1).path;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + 1 + b.length);
        out[a.length] = '\n';
        System.arraycopy(b, 0, out, a.length + 1, b.length);
        return out;
    }

    private static byte[] resource(String name) {
        try (InputStream in = ConsoleHttp.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
