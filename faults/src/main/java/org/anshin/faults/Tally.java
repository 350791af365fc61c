package org.anshin.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a fault cost, counted at the receiver for every accepted report: each must reach the gas CEPTOAR's
 * webhook and NISC's with a NEW notice. Lost: an accepted report whose notice never reached a channel.
 * Duplicates: the same notice delivered again to a channel under the same Idempotency-Key (a receiver that
 * honours the key drops them). Conflicts: one report's notice reaching a channel under two different keys or
 * two different noticeIds (a receiver cannot tell those apart; must be 0).
 */
public record Tally(String scenario, int accepted, int lost, int duplicates, int conflicts, int clientRetries,
                    long p50Ms, long p99Ms, long maxMs, long recoveryMs, List<String> examples) {
    static final List<String> CHANNELS = List.of("/hook/gas", "/hook/nisc");

    /** @param recoveryMs from a restarted service's start to its readiness (-1: nothing was restarted) */
    public static Tally of(String scenario, List<ReportLoad.Accepted> accepted, List<Receiver.Delivery> deliveries,
                           int clientRetries, long recoveryMs) {
        Map<String, List<Receiver.Delivery>> byIncident = deliveries.stream().filter(d -> "NEW".equals(d.noticeType()))
                .collect(Collectors.groupingBy(Receiver.Delivery::incidentId));
        int lost = 0;
        int duplicates = 0;
        int conflicts = 0;
        List<Long> delays = new ArrayList<>();
        List<String> examples = new ArrayList<>();
        for (ReportLoad.Accepted a : accepted) {
            List<Receiver.Delivery> mine = byIncident.getOrDefault(a.incidentId(), List.of());
            for (String channel : CHANNELS) {
                List<Receiver.Delivery> here = mine.stream().filter(d -> d.path().equals(channel)).toList();
                if (here.isEmpty()) {
                    lost++;
                    if (examples.size() < 5) {
                        examples.add("lost: " + a.incidentId() + " on " + channel);
                    }
                    continue;
                }
                Set<String> keys = new HashSet<>();
                Set<String> notices = new HashSet<>();
                here.forEach(d -> {
                    keys.add(d.idempotencyKey());
                    notices.add(d.noticeId());
                });
                duplicates += here.size() - keys.size();
                if (keys.size() > 1 || notices.size() > 1) {
                    conflicts++;
                    if (examples.size() < 5) {
                        examples.add("conflict: " + a.incidentId() + " on " + channel + " keys " + keys);
                    }
                }
                delays.add(Duration.between(a.acceptedAt(), here.get(0).at()).toMillis());
            }
        }
        delays.sort(Long::compare);
        return new Tally(scenario, accepted.size(), lost, duplicates, conflicts, clientRetries, pct(delays, 50),
                pct(delays, 99), delays.isEmpty() ? 0 : delays.get(delays.size() - 1), recoveryMs, examples);
    }

    private static long pct(List<Long> sorted, int p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    /** Deliveries still missing for these accepted reports (to await on). */
    public static int missing(List<ReportLoad.Accepted> accepted, List<Receiver.Delivery> deliveries) {
        Set<String> seen = new HashSet<>();
        for (Receiver.Delivery d : deliveries) {
            if ("NEW".equals(d.noticeType())) {
                seen.add(d.incidentId() + d.path());
            }
        }
        int missing = 0;
        for (ReportLoad.Accepted a : accepted) {
            for (String c : CHANNELS) {
                if (!seen.contains(a.incidentId() + c)) {
                    missing++;
                }
            }
        }
        return missing;
    }

    /** A row of the table in docs/RELIABILITY.md. */
    public String row() {
        return "| " + scenario + " | " + accepted + " | " + lost + " | " + duplicates + " | " + conflicts + " | "
                + clientRetries + " | " + p50Ms + " / " + p99Ms + " / " + maxMs + " | "
                + (recoveryMs < 0 ? "-" : recoveryMs + " ms") + " |";
    }

    public static String header() {
        return "| fault | reports accepted | lost | duplicates (same key) | under different keys | client retries "
                + "| accepted-to-webhook ms p50 / p99 / max | restart to ready |\n|---|---|---|---|---|---|---|---|";
    }
}
