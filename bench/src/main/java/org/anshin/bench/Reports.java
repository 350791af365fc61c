package org.anshin.bench;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Report bodies for {@code POST /v1/incidents}, BELOW the sector's verification level (no delay, no stop), so each
 * report yields notices for the sector's CEPTOAR and NISC only (no cascade). The summary pads the JSON to about 1 KB.
 * The load phases' wrk script ({@link LuaScripts}) builds the same bodies.
 */
final class Reports {
    static final String SUMMARY = ("Intermittent slowness of the internet-banking front end after a "
            + "configuration change; deposits, loans and remittance are not delayed. ").repeat(6);
    private static final String BANKING_IMPACT =
            "{\"serviceStopped\":false,\"serviceDelayed\":false,\"affectedUsers\":%d}";

    private Reports() {
    }

    /** A new incident of {@code sector} (the load and end-to-end phases). */
    static String initial(String incidentId, Sectors.Sector sector) {
        return body(incidentId, "INITIAL", sector.code(), sector.impactJson(), false);
    }

    /** A new banking incident (the burst's operators report for banking). */
    static String initial(String incidentId, long affectedUsers, boolean exercise) {
        return body(incidentId, "INITIAL", BenchConfig.SECTOR, BANKING_IMPACT.formatted(affectedUsers), exercise);
    }

    static String update(String incidentId, long affectedUsers) {
        return body(incidentId, "UPDATE", BenchConfig.SECTOR, BANKING_IMPACT.formatted(affectedUsers), false);
    }

    static String resolved(String incidentId, long affectedUsers) {
        return body(incidentId, "RESOLVED", BenchConfig.SECTOR, BANKING_IMPACT.formatted(affectedUsers), false);
    }

    private static String body(String incidentId, String type, String sector, String impact, boolean exercise) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(9)).truncatedTo(ChronoUnit.SECONDS);
        boolean resolved = type.equals("RESOLVED");
        return "{\"reportId\":\"" + UUID.randomUUID() + "\",\"incidentId\":\"" + incidentId + "\","
                + "\"reportType\":\"" + type + "\",\"sector\":\"" + sector + "\","
                + "\"occurredAt\":\"" + now.minusMinutes(30) + "\",\"detectedAt\":\"" + now.minusMinutes(20) + "\","
                + "\"resolvedAt\":" + (resolved ? "\"" + now + "\"" : "null") + ","
                + "\"summary\":\"" + SUMMARY + "\",\"cause\":\"UNINTENTIONAL\",\"ciaImpact\":[\"AVAILABILITY\"],"
                + "\"impact\":" + impact + ",\"tlp\":\"GREEN\",\"exercise\":" + exercise + "}";
    }
}
