package org.anshin.routing.http;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Calls to the other routing instances of the internal API: the owner of a key named by {@code application.server}
 * metadata, or every instance for a scan. Each call carries the internal token and the {@value #FORWARDED}
 * header, which stops a second hop (it never changes who may read).
 */
final class Peers {
    static final String FORWARDED = "X-Anshin-Forwarded";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final HostInfo self;
    private final InternalAuth auth;

    Peers(HostInfo self, InternalAuth auth) {
        this.self = self;
        this.auth = auth;
    }

    HostInfo self() {
        return self;
    }

    /** GET {@code pathAndQuery} on {@code owner}; IOException when it does not answer. */
    HttpResponse<byte[]> get(HostInfo owner, String pathAndQuery) throws IOException, InterruptedException {
        URI uri = URI.create("http://" + owner.host() + ":" + owner.port() + pathAndQuery);
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                .header("Authorization", auth.authorization()).header(FORWARDED, self.toString()).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /**
     * Answers the request with the owner's answer to {@code pathAndQuery} (status, content type, body), or a 502
     * naming the owner when it does not answer: a key's owner is the only one who can answer for it.
     *
     * @param what what the owner holds, for the 502's detail ("the incident", "the record", ...)
     */
    void relay(io.javalin.http.Context ctx, HostInfo owner, String pathAndQuery, String what)
            throws InterruptedException {
        try {
            HttpResponse<byte[]> r = get(owner, pathAndQuery);
            ctx.status(r.statusCode()).contentType(r.headers().firstValue("Content-Type").orElse("application/json"))
                    .result(r.body());
        } catch (IOException e) {
            IncidentQuery.problem(ctx, 502, "Owner unreachable", "instance " + owner + " owning " + what
                    + " did not answer (" + e.getClass().getSimpleName() + ")");
        }
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
