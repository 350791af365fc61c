package org.anshin.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuTest {
    // a real line's shape; the command name holds a space and a ')' to trip a naive split
    private static final String LINE = "4242 (java) x) S 1 4242 4242 0 -1 4194560 85571 0 3 0 "
            + "1234 567 89 10 20 0 61 0 7791 4712878080 94032 18446744073709551615 1 1 0 0 0 0 4 0 16800975 "
            + "0 0 0 17 1 0 0 0 0 0";

    @Test
    void readsUtimeStimeCutimeCstimeAfterTheLastParenthesis() {
        Cpu.Ticks t = Cpu.parse(LINE);

        assertThat(t.utime()).isEqualTo(1234);
        assertThat(t.stime()).isEqualTo(567);
        assertThat(t.own()).isEqualTo(1801);
        assertThat(t.waitedChildren()).isEqualTo(99);
    }

    @Test
    void refusesALineThatIsNotAStatLine() {
        assertThatThrownBy(() -> Cpu.parse("4242 java S 1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cpu.parse("4242 (java) S 1 2")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void microsecondsPerReportFromTicksOverAWindow() {
        Cpu cpu = new Cpu(100);
        Map<String, Long> before = new LinkedHashMap<>(Map.of("ingest", 1_000L, "broker", 500L));
        Map<String, Long> after = new LinkedHashMap<>(Map.of("ingest", 1_300L, "broker", 600L, "late", 7L));

        Map<String, Long> delta = Cpu.delta(before, after);

        assertThat(delta).containsEntry("ingest", 300L).containsEntry("broker", 100L)
                .containsEntry("late", 0L); // a process not sampled before is not charged its whole life
        // 400 ticks at 100 Hz = 4 s of CPU for 2,000 reports = 2,000 us each
        assertThat(cpu.microsPer(400, 2_000)).isEqualTo(2_000.0);
        assertThat(cpu.microsPer(400, 0)).isNaN();
    }

    @Test
    void readsThisProcess() {
        assertThat(Cpu.self()).isNotNull().satisfies(t -> assertThat(t.own()).isGreaterThanOrEqualTo(0));
    }
}
