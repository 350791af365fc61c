package org.anshin.tools.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.anshin.schemas.Advisory;
import org.anshin.schemas.AdvisoryRecord;
import org.anshin.schemas.AdvisorySeverity;
import org.anshin.schemas.DeliveryOutcome;
import org.anshin.schemas.IncidentRecord;
import org.anshin.schemas.RecordedDelivery;
import org.anshin.schemas.RecordedFeedback;
import org.anshin.schemas.RecordedShare;
import org.anshin.schemas.Tlp;

/**
 * The plan's information-sharing indicators of a set of advisory records and incident records: records in,
 * figures out; no I/O. Which population (real or drills) is the caller's choice, as for {@link AnnualReview}.
 *
 * <p>The definitions (docs/REVIEW.md):
 * <ul>
 *   <li>an advisory counts in the range of its {@code issuedAt}, a share in the range of its {@code at}, in Japan
 *       time;</li>
 *   <li>advisories received by a CEPTOAR: those whose record lists it in {@code recipients};</li>
 *   <li>operators addressed: for each advisory, the operators (operators.yaml) of its sectors (every sector when
 *       {@code allSectors}), under the CEPTOAR of each such sector; a TLP:AMBER+STRICT advisory goes to the
 *       secretariats only and addresses no operator;</li>
 *   <li>reached: an addressed operator with a DELIVERED delivery on one of its own contacts (channel id
 *       {@code <operatorId>/...}), or that answered (an answer proves it read it);</li>
 *   <li>useful: an addressed operator whose latest answer says useful; answers of operators not addressed are not
 *       counted;</li>
 *   <li>operator counts are per advisory (an operator addressed by three advisories counts three times); the total
 *       counts each operator once per advisory even when two of its sectors have different CEPTOARs.</li>
 * </ul>
 */
public final class SharingReview {
    private final ReviewRange range;
    private final SharingDirectory directory;

    public SharingReview(ReviewRange range, SharingDirectory directory) {
        this.range = range;
        this.directory = directory;
    }

    /** @param advisories empty and {@code advisoriesRead} false: the figures of the shares only */
    public SharingFigures compute(Collection<AdvisoryRecord> advisories, boolean advisoriesRead,
                                  Collection<IncidentRecord> incidents) {
        List<AdvisoryRecord> in = advisories.stream()
                .filter(a -> range.contains(a.getAdvisory().getIssuedAt())).toList();

        // per issuer, in id order
        Map<String, List<Advisory>> byIssuer = new java.util.TreeMap<>();
        in.forEach(a -> byIssuer.computeIfAbsent(a.getAdvisory().getIssuerId(), k -> new ArrayList<>()).add(a.getAdvisory()));
        List<SharingFigures.IssuerRow> issuers = new ArrayList<>();
        byIssuer.forEach((id, list) -> issuers.add(issuerRow(id, list.get(0).getIssuerRole(), list)));
        SharingFigures.IssuerRow issuersTotal = issuerRow(null, null, in.stream().map(AdvisoryRecord::getAdvisory).toList());

        // the shares in range, each (incident, from, to) once
        record Share(String incident, String from, String to) {
        }
        Set<Share> shares = new LinkedHashSet<>();
        for (IncidentRecord r : incidents) {
            for (RecordedShare s : r.getShares()) {
                if (range.contains(s.getAt())) {
                    shares.add(new Share(r.getIncidentKey(), s.getFromCeptoar(), s.getToCeptoar()));
                }
            }
        }

        Map<String, Tally> byCeptoar = new LinkedHashMap<>();
        directory.ceptoars().forEach(c -> byCeptoar.put(c, new Tally()));
        Map<String, Tally> others = new TreeMap<>(); // CEPTOARs the config does not list: shown last, by id
        Tally total = new Tally();
        for (AdvisoryRecord a : in) {
            for (String c : new LinkedHashSet<>(a.getRecipients())) {
                tally(byCeptoar, others, c).received++;
            }
            total.received++;
            Map<String, Set<String>> addressed = addressed(a.getAdvisory());
            Map<String, Boolean> latest = latestAnswers(a);
            for (Map.Entry<String, Set<String>> e : addressed.entrySet()) {
                String op = e.getKey();
                boolean answered = latest.containsKey(op);
                boolean reached = answered || delivered(a, op);
                boolean useful = Boolean.TRUE.equals(latest.get(op));
                for (String c : e.getValue()) {
                    tally(byCeptoar, others, c).operator(reached, answered, useful);
                }
                total.operator(reached, answered, useful);
            }
        }
        Map<String, Set<String>> sharedBy = new HashMap<>();
        Map<String, Set<String>> sharedTo = new HashMap<>();
        Set<String> sharedIncidents = new HashSet<>();
        for (Share s : shares) {
            tally(byCeptoar, others, s.from());
            tally(byCeptoar, others, s.to());
            sharedBy.computeIfAbsent(s.from(), k -> new HashSet<>()).add(s.incident());
            sharedTo.computeIfAbsent(s.to(), k -> new HashSet<>()).add(s.incident());
            sharedIncidents.add(s.incident());
        }
        Set<Share> received = new HashSet<>();
        shares.forEach(s -> received.add(new Share(s.incident(), "", s.to())));

        List<SharingFigures.CeptoarRow> rows = new ArrayList<>();
        for (Map<String, Tally> m : List.of(byCeptoar, others)) {
            m.forEach((c, t) -> rows.add(t.row(c, sharedBy.getOrDefault(c, Set.of()).size(),
                    sharedTo.getOrDefault(c, Set.of()).size())));
        }
        return new SharingFigures(advisoriesRead, issuers, issuersTotal, rows,
                total.row(null, sharedIncidents.size(), received.size()), advisories.size() - in.size());
    }

    /**
     * The operators an advisory addresses, each with the CEPTOARs it is addressed through (the CEPTOAR of each of
     * its sectors the advisory names). Empty for a secretariat-only advisory.
     */
    Map<String, Set<String>> addressed(Advisory a) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        if (secretariatOnly(a)) {
            return out;
        }
        Set<String> sectors = new HashSet<>(a.getSectors());
        directory.operatorSectors().forEach((op, opSectors) -> {
            for (String s : opSectors) {
                if (a.getAllSectors() || sectors.contains(s)) {
                    String c = directory.ceptoarBySector().get(s);
                    if (c != null) {
                        out.computeIfAbsent(op, k -> new LinkedHashSet<>()).add(c);
                    }
                }
            }
        });
        return out;
    }

    /** TLP:AMBER+STRICT: the CEPTOAR secretariats only (the same rule routing applies to the notices). */
    public static boolean secretariatOnly(Advisory a) {
        return a.getTlp() == Tlp.AMBER_STRICT;
    }

    /** Operator to its latest answer's {@code useful}; the record keeps one per operator, the latest wins anyway. */
    private static Map<String, Boolean> latestAnswers(AdvisoryRecord a) {
        Map<String, RecordedFeedback> latest = new HashMap<>();
        for (RecordedFeedback f : a.getFeedback()) {
            latest.merge(f.getOperatorId(), f, (x, y) -> y.getAt().isBefore(x.getAt()) ? x : y);
        }
        Map<String, Boolean> out = new HashMap<>();
        latest.forEach((op, f) -> out.put(op, f.getUseful()));
        return out;
    }

    /** A DELIVERED delivery on one of the operator's own contacts: its channel ids are {@code <operatorId>/...}. */
    private static boolean delivered(AdvisoryRecord a, String operatorId) {
        String prefix = operatorId + "/";
        for (RecordedDelivery d : a.getDeliveries()) {
            if (d.getOutcome() == DeliveryOutcome.DELIVERED && d.getChannel().startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static SharingFigures.IssuerRow issuerRow(String id, String role, List<Advisory> advisories) {
        Map<AdvisorySeverity, Integer> bySeverity = new EnumMap<>(AdvisorySeverity.class);
        for (AdvisorySeverity s : AdvisorySeverity.values()) {
            bySeverity.put(s, (int) advisories.stream().filter(a -> a.getSeverity() == s).count());
        }
        return new SharingFigures.IssuerRow(id, role, advisories.size(), bySeverity);
    }

    private static Tally tally(Map<String, Tally> byCeptoar, Map<String, Tally> others, String ceptoar) {
        Tally t = byCeptoar.get(ceptoar);
        return t != null ? t : others.computeIfAbsent(ceptoar, k -> new Tally());
    }

    /** Counts being added up for one line; local to one compute call. */
    private static final class Tally {
        int received;
        int addressed;
        int reached;
        int answered;
        int useful;

        void operator(boolean isReached, boolean isAnswered, boolean isUseful) {
            addressed++;
            reached += isReached ? 1 : 0;
            answered += isAnswered ? 1 : 0;
            useful += isUseful ? 1 : 0;
        }

        SharingFigures.CeptoarRow row(String id, int sharedBy, int sharedTo) {
            return new SharingFigures.CeptoarRow(id, received, sharedBy, sharedTo, addressed, reached, answered, useful);
        }
    }
}
