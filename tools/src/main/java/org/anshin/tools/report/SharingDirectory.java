package org.anshin.tools.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.anshin.common.config.Operator;
import org.anshin.common.config.Operators;
import org.anshin.common.config.SectorLevel;
import org.anshin.common.config.VerificationLevels;

/**
 * What the sharing figures need of the config: the CEPTOAR of each sector (verification-levels.yaml) and the
 * sectors of each operator (operators.yaml). {@link #NONE} knows neither: operators addressed and reached are
 * then zero, and the review says the advisories were not read.
 *
 * @param ceptoarBySector sector code to its CEPTOAR id, in the file's order (the order the CEPTOARs are shown in)
 * @param operatorSectors operator id to the sectors it reports for
 */
public record SharingDirectory(Map<String, String> ceptoarBySector, Map<String, Set<String>> operatorSectors) {
    public static final SharingDirectory NONE = new SharingDirectory(Map.of(), Map.of());

    public SharingDirectory {
        ceptoarBySector = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ceptoarBySector));
        Map<String, Set<String>> ops = new LinkedHashMap<>();
        operatorSectors.forEach((id, sectors) -> ops.put(id, Set.copyOf(sectors)));
        operatorSectors = java.util.Collections.unmodifiableMap(ops);
    }

    public static SharingDirectory of(VerificationLevels levels, Operators operators) {
        Map<String, String> ceptoars = new LinkedHashMap<>();
        for (SectorLevel l : levels.bySector().values()) {
            ceptoars.put(l.sector(), l.ceptoar());
        }
        Map<String, Set<String>> ops = new LinkedHashMap<>();
        for (Operator o : operators.byId().values()) {
            ops.put(o.id(), o.sectors());
        }
        return new SharingDirectory(ceptoars, ops);
    }

    /** The configured CEPTOARs, in the order their first sector appears. */
    public List<String> ceptoars() {
        return new ArrayList<>(new LinkedHashSet<>(ceptoarBySector.values()));
    }
}
