package org.anshin.console.pages;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.anshin.common.config.AnshinConfig;
import org.anshin.common.config.Operator;
import org.anshin.common.config.SectorLevel;
import org.anshin.console.ConsoleData;
import org.anshin.schemas.AdvisoryRecord;
import org.anshin.schemas.IncidentRecord;
import org.anshin.schemas.RecordedShare;
import org.anshin.schemas.Topics;
import org.anshin.tools.report.AnnualReview;
import org.anshin.tools.report.Review;
import org.anshin.tools.report.ReviewRange;
import org.anshin.tools.report.SectorGrouping;
import org.anshin.tools.report.SharingDirectory;
import org.anshin.tools.report.SharingFigures;
import org.anshin.tools.report.SharingReview;

/**
 * The fiscal-year review computed for one viewer with the tools' own classes ({@link AnnualReview},
 * {@link SharingReview}): NISC gets exactly what {@code ./anshin report} computes ({@link Review#of}); any other
 * secretariat gets the review of its own sectors, the records filtered before anything is computed:
 * <ul>
 *   <li>incidents of its sectors, TLP:RED ones left out (they go to NISC alone), and only its sectors' lines
 *   (the grouping knows no other sector, so no other sector's line appears, not even with zeros);</li>
 *   <li>the advisories it may see ({@link Scope}), operators counted only in its sectors;</li>
 *   <li>shares it took part in: those of its sectors' incidents, and those made to it of other sectors' incidents
 *   (only the share is taken from those, never their figures); CEPTOAR lines only its own.</li>
 * </ul>
 */
final class ReviewScope {
    private ReviewScope() {
    }

    static Review review(Scope scope, AnshinConfig config, ConsoleData data, ReviewRange range) {
        Collection<IncidentRecord> real = data.incidentRecords(false);
        Collection<IncidentRecord> drills = data.incidentRecords(true);
        Collection<AdvisoryRecord> advisories = data.advisoryRecords(false);
        Collection<AdvisoryRecord> drillAdvisories = data.advisoryRecords(true);
        if (scope.everything()) {
            return Review.of(range, SectorGrouping.of(config.levels()),
                    SharingDirectory.of(config.levels(), config.operators()), real, drills, advisories, drillAdvisories);
        }
        Map<String, String> plan = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, String> ceptoarBySector = new LinkedHashMap<>();
        for (SectorLevel l : config.levels().bySector().values()) {
            if (scope.sectors().contains(l.sector())) {
                plan.put(l.sector(), l.planSector());
                names.put(l.sector(), l.name());
                ceptoarBySector.put(l.sector(), l.ceptoar());
            }
        }
        Map<String, Set<String>> operatorSectors = new LinkedHashMap<>();
        for (Operator op : config.operators().byId().values()) {
            Set<String> own = op.sectors().stream().filter(scope.sectors()::contains).collect(Collectors.toSet());
            if (!own.isEmpty()) {
                operatorSectors.put(op.id(), own);
            }
        }
        AnnualReview annual = new AnnualReview(range, new SectorGrouping(plan, names));
        SharingReview sharing = new SharingReview(range, new SharingDirectory(ceptoarBySector, operatorSectors));
        List<String> warnings = new ArrayList<>();
        List<IncidentRecord> realOwn = real.stream().filter(scope::sees).filter(r -> !r.getExercise()).toList();
        long misfiled = real.stream().filter(scope::sees).filter(IncidentRecord::getExercise).count();
        if (misfiled > 0) {
            warnings.add(misfiled + " records on " + Topics.RECORD + " are marked as drills: left out of every figure");
        }
        List<IncidentRecord> drillsOwn = drills.stream().filter(scope::sees).toList();
        List<AdvisoryRecord> advOwn = advisories.stream().filter(scope::sees)
                .filter(a -> !a.getAdvisory().getExercise()).toList();
        List<AdvisoryRecord> drillAdvOwn = drillAdvisories.stream().filter(scope::sees).toList();
        return new Review(range, annual.compute(realOwn), annual.compute(drillsOwn),
                ownLines(sharing.compute(advOwn, true, sharesOf(scope, real)), scope),
                ownLines(sharing.compute(drillAdvOwn, true, sharesOf(scope, drills)), scope), List.of(), warnings);
    }

    /**
     * The incidents the sharing figures read: the viewer's own (whole), and of every other incident a copy holding
     * only the shares made to one of the viewer's CEPTOARs (the sharing review reads nothing else of those).
     */
    static List<IncidentRecord> sharesOf(Scope scope, Collection<IncidentRecord> records) {
        List<IncidentRecord> out = new ArrayList<>();
        for (IncidentRecord r : records) {
            if (scope.sees(r)) {
                out.add(r);
                continue;
            }
            List<RecordedShare> toUs = r.getShares().stream().filter(s -> scope.ceptoars().contains(s.getToCeptoar()))
                    .toList();
            if (!toUs.isEmpty()) {
                out.add(IncidentRecord.newBuilder(r).setShares(toUs).build());
            }
        }
        return out;
    }

    /** Only the viewer's CEPTOAR lines: a recipient or share partner named by a record is another's line. */
    static SharingFigures ownLines(SharingFigures f, Scope scope) {
        return new SharingFigures(f.advisoriesRead(), f.issuers(), f.issuersTotal(),
                f.ceptoars().stream().filter(c -> scope.ceptoars().contains(c.ceptoarId())).toList(), f.total(),
                f.advisoriesOutsideRange());
    }
}
