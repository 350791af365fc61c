package org.anshin.tools.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.anshin.common.config.SectorLevel;
import org.anshin.common.config.VerificationLevels;

/**
 * Which plan sector (分野) each sector code belongs to, and the order and names the review shows them in. The
 * mapping comes from {@code planSector} in verification-levels.yaml; a sector code the file does not list (an old
 * record of a sector since removed) is a plan sector of its own, shown after the configured ones.
 */
public final class SectorGrouping {
    /** The plan's 10 sectors in its own order and words; a planSector the plan does not name is shown by its id. */
    private static final Map<String, String> PLAN_SECTOR_NAMES = planSectorNames();

    private final Map<String, String> planSectorBySector;
    private final Map<String, String> sectorNames;

    /** @param planSectorBySector sector code to plan sector, in the order to show them */
    public SectorGrouping(Map<String, String> planSectorBySector, Map<String, String> sectorNames) {
        this.planSectorBySector = new LinkedHashMap<>(planSectorBySector);
        this.sectorNames = Map.copyOf(sectorNames);
    }

    public static SectorGrouping of(VerificationLevels levels) {
        Map<String, String> plan = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (SectorLevel level : levels.bySector().values()) {
            plan.put(level.sector(), level.planSector());
            names.put(level.sector(), level.name());
        }
        return new SectorGrouping(plan, names);
    }

    public String planSectorOf(String sector) {
        return planSectorBySector.getOrDefault(sector, sector);
    }

    public String sectorName(String sector) {
        return sectorNames.getOrDefault(sector, sector);
    }

    public static String planSectorName(String planSector) {
        return PLAN_SECTOR_NAMES.getOrDefault(planSector, planSector);
    }

    /** A label that fits a chart's row: "Government (政府・行政)". */
    public static String planSectorShortName(String planSector) {
        return switch (planSector) {
            case "information-and-communications" -> "Info & comms (情報通信)";
            case "government" -> "Government (政府・行政)";
            default -> planSectorName(planSector);
        };
    }

    /**
     * Plan sectors to show, each with its sector codes: every configured one (a sector with no incident is a
     * result too), then those only the records name. Plan sectors the plan numbers come in its order.
     */
    public Map<String, List<String>> layout(Collection<String> sectorsSeen) {
        Map<String, List<String>> bySector = new LinkedHashMap<>();
        planSectorBySector.forEach((sector, plan) -> bySector.computeIfAbsent(plan, p -> new ArrayList<>()).add(sector));
        for (String sector : new TreeSet<>(sectorsSeen)) {
            if (!planSectorBySector.containsKey(sector)) {
                bySector.computeIfAbsent(sector, p -> new ArrayList<>()).add(sector);
            }
        }
        List<String> order = new ArrayList<>(bySector.keySet());
        List<String> known = new ArrayList<>(PLAN_SECTOR_NAMES.keySet());
        order.sort((a, b) -> Integer.compare(rank(known, a), rank(known, b))); // stable: the rest keep file order
        Map<String, List<String>> out = new LinkedHashMap<>();
        order.forEach(p -> out.put(p, List.copyOf(bySector.get(p))));
        return out;
    }

    private static int rank(List<String> known, String planSector) {
        int i = known.indexOf(planSector);
        return i < 0 ? known.size() : i;
    }

    private static Map<String, String> planSectorNames() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("information-and-communications", "Information and communications (情報通信)");
        m.put("finance", "Finance (金融)");
        m.put("aviation", "Aviation (航空)");
        m.put("railway", "Railway (鉄道)");
        m.put("electricity", "Electricity (電力)");
        m.put("gas", "Gas (ガス)");
        m.put("government", "Government and administrative services (政府・行政サービス)");
        m.put("medical", "Medical (医療)");
        m.put("water", "Water (水道)");
        m.put("logistics", "Logistics (物流)");
        return java.util.Collections.unmodifiableMap(m);
    }
}
