package org.anshin.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchOptionsTest {
    private static BenchOptions parse(String... args) {
        BenchOptions o = new BenchOptions();
        new CommandLine(o).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
        o.validate();
        return o;
    }

    @Test
    void defaultsAreTheFullRunWrittenToTheRepositoryTable() {
        BenchOptions o = parse("bench");

        assertThat(o.phases()).containsExactlyInAnyOrder(BenchOptions.Phase.values());
        assertThat(o.connections()).containsExactly(32, 256);
        assertThat(o.warmupSeconds()).isEqualTo(60);
        assertThat(o.e2eRates()).containsExactly(100, 1000);
        assertThat(o.isFullRun()).isTrue();
        assertThat(o.outFile(Path.of("/h"))).isEqualTo(Path.of("/h/BENCHMARKS.md"));
    }

    @Test
    void onePhaseQuicklyGoesToVarBench() {
        BenchOptions o = parse("--phases", "ingest", "--connections", "32", "--warmup-seconds", "10");

        assertThat(o.phases()).containsExactly(BenchOptions.Phase.ingest);
        assertThat(o.runs(BenchOptions.Phase.cold)).isFalse();
        assertThat(o.connections()).containsExactly(32);
        assertThat(o.warmupSeconds()).isEqualTo(10);
        assertThat(o.isFullRun()).isFalse();
        assertThat(o.outFile(Path.of("/h"))).isEqualTo(Path.of("/h/var/bench/BENCHMARKS.md"));
        assertThat(parse("--quick").ingestSeconds()).isEqualTo(5);
    }

    @Test
    void refusesUnknownPhasesAndNonPositiveCounts() {
        assertThatThrownBy(() -> parse("--phases", "ingets")).isInstanceOf(CommandLine.ParameterException.class);
        assertThatThrownBy(() -> parse("--connections", "0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--connections");
        assertThatThrownBy(() -> parse("up")).isInstanceOf(IllegalArgumentException.class);
    }
}
