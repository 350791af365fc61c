package org.anshin.routing.advisory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.anshin.common.config.AnshinConfig;
import org.anshin.common.config.Ceptoars;
import org.anshin.common.config.Operator;
import org.anshin.common.config.SectorLevel;
import org.anshin.schemas.Advisory;
import org.anshin.schemas.Tlp;
import org.anshin.schemas.Topics;

/**
 * Who an advisory reaches, from the config files (the contract's advisory TLP rules):
 * <ul>
 *   <li>the recipients are the distinct CEPTOARs of its sectors (verification-levels.yaml {@code ceptoar});
 *   {@code ["all"]} is every CEPTOAR of ceptoars.yaml and the council, never {@code nisc} (NISC is the hub that
 *   issues, not an audience);</li>
 *   <li>each recipient's notice lists the addressed sectors it serves: their operators are its audience. The
 *   council serves no sector of its own, so its notice lists none and no operator is reached twice through it;</li>
 *   <li>AMBER+STRICT reaches the secretariats only: the operators' audience is empty.</li>
 * </ul>
 *
 * @param ceptoarOfSector  sector code to its CEPTOAR id
 * @param everyone         the recipients of an advisory to every sector, sorted
 * @param operatorSectors  operator id to the sectors it belongs to (operators.yaml)
 */
public record AdvisoryAudience(Map<String, String> ceptoarOfSector, List<String> everyone,
                               Map<String, Set<String>> operatorSectors) {

    public AdvisoryAudience {
        ceptoarOfSector = Map.copyOf(ceptoarOfSector);
        everyone = List.copyOf(everyone);
        operatorSectors = Map.copyOf(operatorSectors);
    }

    public static AdvisoryAudience from(AnshinConfig config) {
        Map<String, String> bySector = new TreeMap<>();
        for (SectorLevel level : config.levels().bySector().values()) {
            bySector.put(level.sector(), level.ceptoar());
        }
        Set<String> all = new TreeSet<>(config.ceptoars().ids());
        all.remove(Topics.NISC_RECIPIENT);
        all.add(Ceptoars.COUNCIL);
        Map<String, Set<String>> operators = new TreeMap<>();
        for (Operator op : config.operators().byId().values()) {
            operators.put(op.id(), Set.copyOf(op.sectors()));
        }
        return new AdvisoryAudience(bySector, new ArrayList<>(all), operators);
    }

    /** AMBER+STRICT: to the CEPTOAR secretariats only, never to operators. */
    public static boolean secretariatOnly(Tlp tlp) {
        return tlp == Tlp.AMBER_STRICT;
    }

    /** The sectors an advisory addresses: every configured one for {@code ["all"]}. */
    public Set<String> sectorsOf(Advisory a) {
        return a.getAllSectors() ? new TreeSet<>(ceptoarOfSector.keySet()) : new TreeSet<>(a.getSectors());
    }

    /** Sectors of the advisory that no config file knows (an advisory naming one is refused). */
    public List<String> unknownSectors(Advisory a) {
        return a.getAllSectors() ? List.of()
                : a.getSectors().stream().filter(s -> !ceptoarOfSector.containsKey(s)).distinct().toList();
    }

    /** Recipient CEPTOAR id to the addressed sectors it serves, in id order. */
    public Map<String, List<String>> recipients(Advisory a) {
        Map<String, List<String>> out = new TreeMap<>();
        if (a.getAllSectors()) {
            everyone.forEach(id -> out.put(id, new ArrayList<>()));
        }
        for (String sector : sectorsOf(a)) {
            String ceptoar = ceptoarOfSector.get(sector);
            if (ceptoar != null) {
                out.computeIfAbsent(ceptoar, k -> new ArrayList<>()).add(sector);
            }
        }
        return out;
    }

    /** Whether the advisory is addressed to this operator: one of its sectors, and a TLP that reaches operators. */
    public boolean addresses(Advisory a, String operatorId) {
        Set<String> sectors = operatorSectors.get(operatorId);
        if (sectors == null || secretariatOnly(a.getTlp())) {
            return false;
        }
        Set<String> addressed = sectorsOf(a);
        return sectors.stream().anyMatch(addressed::contains);
    }

    /** The operators the advisory is addressed to, per addressed sector (none for AMBER+STRICT). */
    public Map<String, List<String>> operatorsBySector(Advisory a) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String sector : sectorsOf(a)) {
            List<String> ops = new ArrayList<>();
            if (!secretariatOnly(a.getTlp())) {
                operatorSectors.forEach((op, s) -> {
                    if (s.contains(sector)) {
                        ops.add(op);
                    }
                });
            }
            out.put(sector, ops);
        }
        return out;
    }

    public boolean knowsOperator(String operatorId) {
        return operatorSectors.containsKey(operatorId);
    }
}
