package org.anshin.tools.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The review of one set of records (the real ones, or the drills): per plan sector, its line and its sector
 * codes' lines, and the total. {@code outsideRange} incidents were read but occurred outside the range.
 */
public record ReviewFigures(ReviewRange range, List<PlanSectorFigures> planSectors, ReviewRow total,
                            int outsideRange) {

    public ReviewFigures {
        planSectors = List.copyOf(planSectors);
    }

    /** A plan sector's line and its sector codes' lines. */
    public record PlanSectorFigures(ReviewRow row, List<ReviewRow> sectors) {
        public PlanSectorFigures {
            sectors = List.copyOf(sectors);
        }

        /** A plan sector made of one sector code of the same name needs no second line. */
        public boolean hasSubSectors() {
            return sectors.size() > 1 || (sectors.size() == 1 && !sectors.get(0).sector().equals(row.planSector()));
        }
    }

    public Optional<PlanSectorFigures> planSector(String id) {
        return planSectors.stream().filter(p -> p.row().planSector().equals(id)).findFirst();
    }

    public Optional<ReviewRow> sector(String code) {
        return planSectors.stream().flatMap(p -> p.sectors().stream()).filter(r -> r.sector().equals(code)).findFirst();
    }

    /** Every line in the order the tables show them: plan sector, its sectors, ..., total. */
    public List<ReviewRow> rows() {
        List<ReviewRow> rows = new ArrayList<>();
        for (PlanSectorFigures p : planSectors) {
            rows.add(p.row());
            rows.addAll(p.sectors());
        }
        rows.add(total);
        return rows;
    }
}
