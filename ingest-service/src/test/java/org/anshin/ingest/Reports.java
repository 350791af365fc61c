package org.anshin.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.anshin.common.config.AnshinConfig;
import org.anshin.common.config.ImpactFields;
import org.anshin.common.config.SectorLevel;

/** Valid report bodies for tests, one per sector, to be broken on purpose. */
public final class Reports {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneOffset JST = ZoneOffset.ofHours(9);

    private Reports() {
    }

    /** A valid INITIAL report for {@code sector} with every impact field its level requires. */
    public static ObjectNode valid(AnshinConfig config, String sector) {
        SectorLevel level = config.levels().of(sector).orElseThrow();
        OffsetDateTime now = OffsetDateTime.now(JST).truncatedTo(ChronoUnit.SECONDS);
        ObjectNode body = JSON.createObjectNode();
        body.put("reportId", UUID.randomUUID().toString());
        body.put("incidentId", sector + "-" + UUID.randomUUID().toString().substring(0, 8));
        body.put("reportType", "INITIAL");
        body.put("sector", sector);
        body.put("occurredAt", now.minusMinutes(30).toString());
        body.put("detectedAt", now.minusMinutes(20).toString());
        body.putNull("resolvedAt");
        body.put("summary", "制御系システム障害による供給支障 / control-system failure");
        body.put("cause", "UNINTENTIONAL");
        body.putArray("ciaImpact").add("AVAILABILITY");
        ObjectNode impact = body.putObject("impact");
        for (String field : level.requiredImpact()) {
            if (ImpactFields.kind(field) == ImpactFields.Kind.FLAG) {
                impact.put(field, true);
            } else {
                impact.put(field, 150_000);
            }
        }
        body.put("tlp", "GREEN");
        body.put("exercise", false);
        return body;
    }

    public static String text(ObjectNode body) {
        return body.toString();
    }
}
