package org.anshin.ingest.ack;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.anshin.common.config.Secretariat;
import org.anshin.common.config.SectorLevel;
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
import org.anshin.schemas.IncidentAcknowledgement;
import org.anshin.schemas.Topics;

/**
 * {@code POST /v1/incidents/{incidentKey}/acknowledgements} by a secretariat: "we have it", which stops the
 * escalation of that secretariat's own tiers for the incident (routing-service folds it into the record). NISC
 * may acknowledge any incident; a CEPTOAR secretariat those of the sectors whose CEPTOAR it is, unless TLP:RED;
 * nobody else (a ministry, a CEPTOAR that only received a share or a cascade warning). The incident (its sector,
 * TLP and whether it is a drill) is read from routing's record, as for shares.
 */
public final class PostAcknowledgementHandler implements Handler {
    public static final int MAX_BODY_BYTES = 16 * 1024;
    public static final int MAX_NOTE = 2_000;
    private static final Pattern INCIDENT_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    private static final Set<String> FIELDS = Set.of("note");

    private final Gate gate;
    private final VerificationLevels levels;
    private final RoutingClient routing;
    private final ReportPublisher publisher;
    private final AckedWrite write;
    private final String topic;
    private final Clock clock;

    public PostAcknowledgementHandler(Gate gate, VerificationLevels levels, RoutingClient routing,
                                      ReportPublisher publisher, AckedWrite write, String topic, Clock clock) {
        this.gate = gate;
        this.levels = levels;
        this.routing = routing;
        this.publisher = publisher;
        this.write = write;
        this.topic = topic;
        this.clock = clock;
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
        Secretariat by = caller.get();
        if (!by.isNisc() && by.ceptoarId().isEmpty()) {
            Problem.FORBIDDEN_CALLER.send(ctx, "only NISC and a CEPTOAR secretariat acknowledge incidents (" + by.id()
                    + " is " + by.role().label() + "): an acknowledgement stops the acknowledging recipient's"
                    + " escalation");
            return;
        }
        String incidentKey = ctx.pathParam("incidentKey");
        if (!INCIDENT_KEY.matcher(incidentKey).matches()) {
            notFound(ctx, incidentKey);
            return;
        }
        Optional<JsonNode> body = JsonRequests.objectOrEmpty(ctx, MAX_BODY_BYTES, Problem.INVALID_ACKNOWLEDGEMENT);
        if (body.isEmpty()) {
            return;
        }
        List<FieldError> errors = new ArrayList<>();
        String note = note(body.get(), errors);
        if (!errors.isEmpty()) {
            Problem.INVALID_ACKNOWLEDGEMENT.send(ctx, errors.size() + " field(s) are invalid, see errors", errors);
            return;
        }
        ctx.future(() -> RecordLookup.withRecord(ctx, routing, write, incidentKey, () -> notFound(ctx, incidentKey),
                record -> decide(ctx, incidentKey, by, note, record)));
    }

    /** Why {@code by} may not acknowledge the incident of this record, or empty when it may. */
    private CompletableFuture<Void> decide(Context ctx, String incidentKey, Secretariat by, String note,
                                           JsonNode record) {
        String owner = levels.of(record.path("sector").asText("")).map(SectorLevel::ceptoar).orElse("");
        Optional<String> refused = by.acknowledgementRefusal(incidentKey, owner, record.path("tlp").asText("").equals("RED"));
        if (refused.isPresent()) {
            Problem.FORBIDDEN_CALLER.send(ctx, refused.get());
            return CompletableFuture.completedFuture(null);
        }
        boolean exercise = record.path("exercise").asBoolean(false);
        String ackId = UUID.randomUUID().toString();
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        IncidentAcknowledgement ack = IncidentAcknowledgement.newBuilder()
                .setAckId(ackId)
                .setIncidentKey(incidentKey)
                .setBy(by.id())
                .setByName(by.name())
                .setNote(note)
                .setExercise(exercise)
                .setAt(at)
                .build();
        Map<String, Object> accepted = new LinkedHashMap<>();
        accepted.put("incidentKey", incidentKey);
        accepted.put("ackId", ackId);
        accepted.put("by", by.id());
        accepted.put("at", at.toString());
        accepted.put("status", "accepted");
        // a retry after a 503 makes a new ackId; a second acknowledgement by the same secretariat is harmless (its
        // escalation has stopped already), so no client-made id is asked for
        return write.write(ctx, () -> publisher.publish(Topics.route(topic, exercise), incidentKey, ack), accepted,
                "acknowledgement " + ackId + " of " + incidentKey + " by " + by.id(), "retry later");
    }

    private static String note(JsonNode body, List<FieldError> errors) {
        for (var names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                errors.add(new FieldError(name, "unknown field (known: [note])"));
            }
        }
        JsonNode noteNode = body.get("note");
        if (noteNode == null || noteNode.isNull()) {
            return "";
        }
        if (!noteNode.isTextual()) {
            errors.add(new FieldError("note", "must be a string"));
            return "";
        }
        if (noteNode.textValue().isEmpty()) {
            return "";
        }
        String problem = Text.problem(noteNode.textValue(), MAX_NOTE, true);
        if (problem != null) {
            errors.add(new FieldError("note", problem));
            return "";
        }
        return noteNode.textValue();
    }

    private static void notFound(Context ctx, String incidentKey) {
        Problem.INCIDENT_NOT_FOUND.send(ctx, "no incident '" + incidentKey + "'");
    }
}
