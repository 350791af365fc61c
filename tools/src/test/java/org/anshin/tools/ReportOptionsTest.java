package org.anshin.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Map;
import org.anshin.tools.report.ReviewRange;
import org.junit.jupiter.api.Test;

class ReportOptionsTest {
    @Test
    void aFiscalYearOrAJstDateRangeWithAnExclusiveEnd() {
        assertThat(ToolsMain.range(Map.of("fiscal-year", "2026"))).isEqualTo(ReviewRange.fiscalYear(2026));
        ReviewRange half = ToolsMain.range(Map.of("from", "2026-04-01", "to", "2026-10-01"));
        assertThat(half.from()).isEqualTo(LocalDate.of(2026, 4, 1));
        assertThat(half.to()).isEqualTo(LocalDate.of(2026, 10, 1));
        assertThat(half.months()).hasSize(6);
    }

    @Test
    void aMissingConflictingOrMalformedPeriodIsRefusedInWords() {
        assertThatThrownBy(() -> ToolsMain.range(Map.of())).hasMessageContaining("which period?");
        assertThatThrownBy(() -> ToolsMain.range(Map.of("fiscal-year", "2026", "from", "2026-04-01")))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> ToolsMain.range(Map.of("fiscal-year", "FY2026"))).hasMessageContaining("a year (2026)");
        assertThatThrownBy(() -> ToolsMain.range(Map.of("from", "2026-04-01", "to", "1 Oct")))
                .hasMessageContaining("a date (2026-04-01)");
        assertThatThrownBy(() -> ToolsMain.range(Map.of("from", "2026-10-01", "to", "2026-04-01")))
                .hasMessageContaining("--to is exclusive");
    }
}
