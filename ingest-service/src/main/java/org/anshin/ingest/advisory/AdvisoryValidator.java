package org.anshin.ingest.advisory;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.anshin.common.config.Secretariat;
import org.anshin.common.config.Secretariats;
import org.anshin.common.config.VerificationLevels;
import org.anshin.ingest.validation.InvalidReportException;
import org.anshin.ingest.validation.TlpNames;
import org.anshin.schemas.Advisory;
import org.anshin.schemas.AdvisorySeverity;
import org.anshin.schemas.Tlp;

/**
 * Turns a {@code POST /v1/advisories} body into an {@link Advisory}, naming every bad field at once. Unknown
 * fields are refused as for reports ({@code sector} for {@code sectors} must not silently address nobody).
 */
public final class AdvisoryValidator {
    public static final int MAX_TITLE = 200;
    public static final int MAX_BODY = 20_000;
    public static final int MAX_REFERENCES = 20;
    public static final int MAX_URL = 2_000;
    public static final int MAX_RELATED = 50;
    /** An expiry this far out is a typo (wrong year); it also keeps the time inside Avro's timestamp-millis. */
    public static final Instant LATEST_EXPIRY = Instant.parse("2100-01-01T00:00:00Z");
    static final String RED_REFUSED = "TLP:RED advisories are not shared through Anshin: send them to their named"
            + " recipients directly";
    private static final Pattern INCIDENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    public static final Set<String> FIELDS = Set.of("advisoryId", "title", "body", "severity", "tlp", "sectors",
            "references", "relatedIncidentIds", "exercise", "expiresAt");

    /** The sectors outside the issuer's own: a 403, not a 400. */
    public static final class ForbiddenSectors extends Exception {
        private final transient List<String> sectors;

        ForbiddenSectors(List<String> sectors) {
            super("outside the secretariat's sectors: " + sectors);
            this.sectors = List.copyOf(sectors);
        }

        public List<String> sectors() {
            return sectors;
        }
    }

    private final VerificationLevels levels;

    public AdvisoryValidator(VerificationLevels levels) {
        this.levels = levels;
    }

    public Advisory validate(JsonNode body, Secretariat issuer, Instant now) throws InvalidReportException, ForbiddenSectors {
        Fields f = new Fields(body, FIELDS);
        String advisoryId = f.uuid("advisoryId");
        String title = f.text("title", MAX_TITLE, false, true);
        String text = f.text("body", MAX_BODY, true, true);
        AdvisorySeverity severity = severity(body.get("severity"), f);
        Tlp tlp = tlp(body.get("tlp"), f);
        List<String> sectors = f.strings("sectors", 64, true, s -> null);
        boolean all = false;
        if (sectors != null) {
            if (sectors.isEmpty()) {
                f.add("sectors", "must name at least one sector, or be [\"all\"]");
            } else if (sectors.contains(Secretariats.ALL)) {
                if (sectors.size() > 1) {
                    f.add("sectors", "[\"all\"] stands alone: every sector, or a list of sector codes");
                }
                all = true;
            } else {
                for (int i = 0; i < sectors.size(); i++) {
                    if (levels.of(sectors.get(i)).isEmpty()) {
                        f.add("sectors[" + i + "]", "unknown sector '" + sectors.get(i) + "', one of "
                                + new TreeSet<>(levels.bySector().keySet()) + " or [\"all\"]");
                    }
                }
                if (new TreeSet<>(sectors).size() != sectors.size()) {
                    f.add("sectors", "lists a sector twice");
                }
            }
        }
        List<String> references = f.strings("references", MAX_REFERENCES, false, AdvisoryValidator::urlProblem);
        List<String> related = f.strings("relatedIncidentIds", MAX_RELATED, false,
                s -> INCIDENT_ID.matcher(s).matches() ? null
                        : "must be an incidentKey or incidentId: 1-128 characters of A-Z a-z 0-9 . _ : -");
        Boolean exercise = f.bool("exercise", false);
        Instant expiresAt = f.time("expiresAt");
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            f.add("expiresAt", "must be in the future (or null: it does not expire)");
        } else if (expiresAt != null && expiresAt.isAfter(LATEST_EXPIRY)) {
            f.add("expiresAt", "must be before " + LATEST_EXPIRY);
        }
        if (!f.ok()) {
            throw new InvalidReportException(f.errors());
        }
        List<String> addressed = all ? new ArrayList<>(new TreeSet<>(levels.bySector().keySet())) : sectors;
        if (all ? !issuer.allSectors() : !issuer.sectors().containsAll(addressed)) {
            List<String> outside = all ? List.of(Secretariats.ALL)
                    : addressed.stream().filter(s -> !issuer.mayAdvise(s)).toList();
            throw new ForbiddenSectors(outside);
        }
        return Advisory.newBuilder()
                .setAdvisoryId(advisoryId)
                .setIssuerId(issuer.id())
                .setIssuerRole(issuer.role().label())
                .setTitle(title)
                .setBody(text)
                .setSeverity(severity)
                .setTlp(tlp)
                .setAllSectors(all)
                .setSectors(addressed)
                .setReferences(references == null ? List.of() : references)
                .setRelatedIncidentIds(related == null ? List.of() : related)
                .setExercise(exercise != null && exercise)
                .setExpiresAt(expiresAt)
                .setIssuedAt(now.truncatedTo(ChronoUnit.MILLIS))
                .build();
    }

    private static AdvisorySeverity severity(JsonNode node, Fields f) {
        if (node == null || node.isNull()) {
            f.add("severity", "required: one of INFO, WARNING, CRITICAL");
            return null;
        }
        try {
            if (node.isTextual()) {
                return AdvisorySeverity.valueOf(node.textValue());
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        f.add("severity", "must be one of INFO, WARNING, CRITICAL");
        return null;
    }

    /** As the report API spells it; absent means AMBER, as for reports; RED is refused. */
    private static Tlp tlp(JsonNode node, Fields f) {
        if (node == null || node.isNull()) {
            return Tlp.AMBER;
        }
        Tlp tlp = null;
        try {
            if (node.isTextual()) {
                tlp = TlpNames.parse(node.textValue());
            }
        } catch (IllegalArgumentException e) {
            tlp = null;
        }
        if (tlp == null) {
            f.add("tlp", "must be one of CLEAR, GREEN, AMBER, AMBER+STRICT (RED is not shared through Anshin)");
        } else if (tlp == Tlp.RED) {
            f.add("tlp", RED_REFUSED);
            tlp = null;
        }
        return tlp;
    }

    static String urlProblem(String s) {
        if (s.length() > MAX_URL) {
            return "must be at most " + MAX_URL + " characters";
        }
        try {
            URI uri = new URI(s);
            if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    || uri.getHost() == null) {
                return "must be an http(s) URL with a host, e.g. https://www.nisc.go.jp/...";
            }
            return null;
        } catch (URISyntaxException e) {
            return "must be an http(s) URL (" + e.getReason() + ")";
        }
    }
}
