package org.anshin.bench;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Report bodies for {@code POST /v1/incidents}: banking, BELOW the verification level (no delay, no stop), so each
 * report yields notices for the banking CEPTOAR and NISC only (no cascade) and exactly one webhook call. The summary
 * pads the JSON to about 1 KB, the size the issue asks for.
 */
final class Reports {
    private static final String SUMMARY = ("Intermittent slowness of the internet-banking front end after a "
            + "configuration change; deposits, loans and remittance are not delayed. ").repeat(6);

    private Reports() {
    }

    static String initial(String incidentId, long affectedUsers, boolean exercise) {
        return body(incidentId, "INITIAL", affectedUsers, false, exercise);
    }

    static String update(String incidentId, long affectedUsers) {
        return body(incidentId, "UPDATE", affectedUsers, false, false);
    }

    static String resolved(String incidentId, long affectedUsers) {
        return body(incidentId, "RESOLVED", affectedUsers, true, false);
    }

    private static String body(String incidentId, String type, long affectedUsers, boolean resolved, boolean exercise) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(9)).truncatedTo(ChronoUnit.SECONDS);
        return "{\"reportId\":\"" + UUID.randomUUID() + "\",\"incidentId\":\"" + incidentId + "\","
                + "\"reportType\":\"" + type + "\",\"sector\":\"" + BenchConfig.SECTOR + "\","
                + "\"occurredAt\":\"" + now.minusMinutes(30) + "\",\"detectedAt\":\"" + now.minusMinutes(20) + "\","
                + "\"resolvedAt\":" + (resolved ? "\"" + now + "\"" : "null") + ","
                + "\"summary\":\"" + SUMMARY + "\",\"cause\":\"UNINTENTIONAL\",\"ciaImpact\":[\"AVAILABILITY\"],"
                + "\"impact\":{\"serviceStopped\":false,\"serviceDelayed\":false,\"affectedUsers\":" + affectedUsers + "},"
                + "\"tlp\":\"GREEN\",\"exercise\":" + exercise + "}";
    }
}
