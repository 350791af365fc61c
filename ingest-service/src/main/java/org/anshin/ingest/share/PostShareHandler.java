package org.anshin.ingest.share;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.anshin.common.config.Ceptoars;
import org.anshin.common.config.Secretariat;
import org.anshin.common.config.SectorLevel;
import org.anshin.common.config.SharingAgreements;
import org.anshin.common.config.VerificationLevels;
import org.anshin.ingest.advisory.Gate;
import org.anshin.ingest.http.AckedWrite;
import org.anshin.ingest.http.JsonRequests;
import org.anshin.ingest.http.Problem;
import org.anshin.ingest.kafka.ReportPublisher;
import org.anshin.ingest.query.RecordLookup;
import org.anshin.ingest.query.RoutingClient;
import org.anshin.ingest.validation.FieldError;
import org.anshin.ingest.validation.Text;
import org.anshin.schemas.IncidentShare;
import org.anshin.schemas.Topics;

/**
 * {@code POST /v1/incidents/{incidentKey}/shares} by a CEPTOAR secretariat: shares one of its sectors' incidents
 * with another CEPTOAR, only where sharing-agreements.yaml lists the pair and the incident's TLP allows (not
 * AMBER+STRICT, not RED). The incident (its sector, TLP and whether it is a drill) is read from routing's record.
 * The shareId is a name-based UUID of (incidentKey, from, to), so sharing again changes nothing downstream.
 */
public final class PostShareHandler implements Handler {
    public static final int MAX_BODY_BYTES = 16 * 1024;
    public static final int MAX_NOTE = 2_000;
    private static final Pattern INCIDENT_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    private static final java.util.Set<String> FIELDS = java.util.Set.of("to", "note");

    private record Request(String to, String note) {
    }

    private final Gate gate;
    private final VerificationLevels levels;
    private final Ceptoars ceptoars;
    private final SharingAgreements agreements;
    private final RoutingClient routing;
    private final ReportPublisher publisher;
    private final AckedWrite write;
    private final String topic;
    private final Clock clock;

    public PostShareHandler(Gate gate, VerificationLevels levels, Ceptoars ceptoars, SharingAgreements agreements,
                            RoutingClient routing, ReportPublisher publisher, AckedWrite write, String topic, Clock clock) {
        this.gate = gate;
        this.levels = levels;
        this.ceptoars = ceptoars;
        this.agreements = agreements;
        this.routing = routing;
        this.publisher = publisher;
        this.write = write;
        this.topic = topic;
        this.clock = clock;
    }

    /** Deterministic per (incidentKey, from, to). */
    public static String shareId(String incidentKey, String from, String to) {
        return UUID.nameUUIDFromBytes((incidentKey + "|" + from + "|" + to).getBytes(StandardCharsets.UTF_8)).toString();
    }

    @Override
    public void handle(Context ctx) {
        if (JsonRequests.announcedTooLarge(ctx, MAX_BODY_BYTES)) {
            return;
        }
        Optional<Secretariat> caller = gate.secretariat(ctx);
        if (caller.isEmpty()) {
            return;
        }
        Optional<String> from = caller.get().ceptoarId();
        if (from.isEmpty()) {
            Problem.FORBIDDEN_CALLER.send(ctx, "only a CEPTOAR secretariat shares its incidents with another CEPTOAR ("
                    + caller.get().id() + " is " + caller.get().role().label() + ")");
            return;
        }
        String incidentKey = ctx.pathParam("incidentKey");
        if (!INCIDENT_KEY.matcher(incidentKey).matches()) {
            notFound(ctx, incidentKey);
            return;
        }
        Optional<JsonNode> body = JsonRequests.object(ctx, MAX_BODY_BYTES, Problem.INVALID_SHARE);
        if (body.isEmpty()) {
            return;
        }
        List<FieldError> errors = new ArrayList<>();
        Request request = validate(body.get(), from.get(), errors);
        if (!errors.isEmpty()) {
            Problem.INVALID_SHARE.send(ctx, errors.size() + " field(s) are invalid, see errors", errors);
            return;
        }
        ctx.future(() -> RecordLookup.withRecord(ctx, routing, write, incidentKey, () -> notFound(ctx, incidentKey),
                record -> decide(ctx, incidentKey, from.get(), request, record)));
    }

    private CompletableFuture<Void> decide(Context ctx, String incidentKey, String from, Request request, JsonNode record) {
        String sector = record.path("sector").asText("");
        String owner = levels.of(sector).map(SectorLevel::ceptoar).orElse("");
        if (!owner.equals(from)) {
            Problem.FORBIDDEN_CALLER.send(ctx, "incident " + incidentKey + " is not of a sector whose CEPTOAR is " + from
                    + ": only its own CEPTOAR's secretariat may share it");
            return CompletableFuture.completedFuture(null);
        }
        if (!agreements.allows(from, request.to())) {
            Problem.NO_SHARING_AGREEMENT.send(ctx, "sharing-agreements.yaml has no agreement between " + from + " and "
                    + request.to());
            return CompletableFuture.completedFuture(null);
        }
        String tlp = record.path("tlp").asText("");
        if (!tlp.equals("CLEAR") && !tlp.equals("GREEN") && !tlp.equals("AMBER")) {
            Problem.TLP_FORBIDS_SHARING.send(ctx, "incident " + incidentKey + " is TLP:" + (tlp.isEmpty() ? "unknown" : tlp)
                    + "; only CLEAR, GREEN and AMBER incidents are shared with another CEPTOAR");
            return CompletableFuture.completedFuture(null);
        }
        boolean exercise = record.path("exercise").asBoolean(false);
        String shareId = shareId(incidentKey, from, request.to());
        IncidentShare share = IncidentShare.newBuilder()
                .setShareId(shareId)
                .setIncidentKey(incidentKey)
                .setFromCeptoar(from)
                .setToCeptoar(request.to())
                .setNote(request.note())
                .setExercise(exercise)
                .setAt(clock.instant().truncatedTo(ChronoUnit.MILLIS))
                .build();
        Map<String, Object> accepted = new LinkedHashMap<>();
        accepted.put("incidentKey", incidentKey);
        accepted.put("shareId", shareId);
        accepted.put("to", request.to());
        accepted.put("status", "accepted");
        return write.write(ctx, () -> publisher.publish(Topics.route(topic, exercise), incidentKey, share), accepted,
                "share " + shareId + " of " + incidentKey, "retry later");
    }

    private Request validate(JsonNode body, String from, List<FieldError> errors) {
        for (var names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                errors.add(new FieldError(name, "unknown field (known: [note, to])"));
            }
        }
        JsonNode to = body.get("to");
        String toId = null;
        if (to == null || to.isNull()) {
            errors.add(new FieldError("to", "required: the id of the receiving CEPTOAR (ceptoars.yaml)"));
        } else if (!to.isTextual() || ceptoars.of(to.textValue()).isEmpty()
                || to.textValue().equals(Topics.NISC_RECIPIENT)) {
            errors.add(new FieldError("to", "must be the id of another CEPTOAR, one of " + ceptoars.ids().stream()
                    .filter(id -> !id.equals(Topics.NISC_RECIPIENT)).toList()));
        } else if (to.textValue().equals(from)) {
            errors.add(new FieldError("to", "is the sharing CEPTOAR itself"));
        } else {
            toId = to.textValue();
        }
        JsonNode noteNode = body.get("note");
        String note = "";
        if (noteNode != null && !noteNode.isNull()) {
            if (!noteNode.isTextual()) {
                errors.add(new FieldError("note", "must be a string"));
            } else if (!noteNode.textValue().isEmpty()) {
                String problem = Text.problem(noteNode.textValue(), MAX_NOTE, true);
                if (problem != null) {
                    errors.add(new FieldError("note", problem));
                } else {
                    note = noteNode.textValue();
                }
            }
        }
        return new Request(toId, note);
    }

    private static void notFound(Context ctx, String incidentKey) {
        Problem.INCIDENT_NOT_FOUND.send(ctx, "no incident '" + incidentKey + "'");
    }
}
