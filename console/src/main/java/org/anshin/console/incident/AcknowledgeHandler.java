package org.anshin.console.incident;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.anshin.console.IngestAnswer;
import org.anshin.console.IngestCalls;
import org.anshin.console.Lang;
import org.anshin.console.Viewer;
import org.anshin.console.access.Visibility;
import org.anshin.console.http.Gate;

/**
 * {@code POST /incidents/{incidentKey}/acknowledge} (CSRF already checked by the gate): forwards to ingest-service's
 * {@code POST /v1/incidents/{incidentKey}/acknowledgements} with the signed-in secretariat's token, then sends the
 * browser back to the incident page (202) or shows ingest's refusal there. The acknowledgement itself appears
 * once routing folded it into the record (the page listens to /events).
 */
public final class AcknowledgeHandler implements Handler {
    static final int MAX_NOTE_CHARS = 2000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Visibility visibility;
    private final IngestCalls ingest;

    public AcknowledgeHandler(Visibility visibility, IngestCalls ingest) {
        this.visibility = visibility;
        this.ingest = ingest;
    }

    @Override
    public void handle(Context ctx) throws Exception {
        Viewer v = Gate.viewer(ctx);
        Lang l = v.lang();
        String key = ctx.pathParam("incidentKey");
        Optional<Visibility.Seen> seen = visibility.find(v, key);
        if (seen.isEmpty()) {
            ctx.status(404).html(Gate.notFoundPage(v));
            return;
        }
        if (!visibility.mayAcknowledge(v, seen.get())) {
            page(ctx, v, seen.get(), 403, l.pick("この事案を確認する権限がありません（自分の分野の、TLP:RED でない事案のみ）",
                    "You may not acknowledge this incident (only your own sectors' incidents that are not TLP:RED)"));
            return;
        }
        String note = Optional.ofNullable(ctx.formParam("note")).orElse("").strip();
        if (note.length() > MAX_NOTE_CHARS) {
            page(ctx, v, seen.get(), 400, l.pick("メモが長すぎます", "The note is too long") + " (max " + MAX_NOTE_CHARS + ")");
            return;
        }
        String body = JSON.writeValueAsString(Map.of("note", note));
        String path = "/v1/incidents/" + URLEncoder.encode(key, StandardCharsets.UTF_8) + "/acknowledgements";
        String token = Gate.session(ctx).bearerToken();
        ctx.future(() -> ingest.post(path, token, body).thenAccept(answer -> {
            if (answer.accepted()) {
                ctx.redirect("/incidents/" + URLEncoder.encode(key, StandardCharsets.UTF_8) + "?ack=sent", 
                        io.javalin.http.HttpStatus.SEE_OTHER);
            } else {
                page(ctx, v, seen.get(), answer.status() >= 400 && answer.status() < 600 ? answer.status() : 502,
                        l.pick("確認は受け付けられませんでした: ", "The acknowledgement was refused: ") + problem(answer));
            }
        }));
    }

    private void page(Context ctx, Viewer v, Visibility.Seen seen, int status, String text) {
        ctx.status(status).html(IncidentPage.render(v, seen, visibility.record(v, seen),
                visibility.mayAcknowledge(v, seen), Optional.of(new IncidentPage.Message(false, text))));
    }

    /** The problem document's title and detail (what ingest chose to tell the caller), else the status. */
    static String problem(IngestAnswer a) {
        try {
            JsonNode n = JSON.readTree(a.body());
            String title = n.path("title").asText("");
            String detail = n.path("detail").asText("");
            String text = (title + (detail.isEmpty() ? "" : " — " + detail)).strip();
            return text.isEmpty() ? "HTTP " + a.status() : text;
        } catch (com.fasterxml.jackson.core.JacksonException | IllegalArgumentException e) {
            return "HTTP " + a.status();
        }
    }
}
