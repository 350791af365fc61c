package org.anshin.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./anshin bench [options]}, parsed by picocli ({@link BenchMain}). Unset durations take the full run's
 * defaults, or the {@code --quick} ones. A run of only some phases, or a quick one, writes its table to
 * var/bench/BENCHMARKS.md unless {@code --out} says otherwise: only a full run replaces the repository's table.
 */
@Command(name = "anshin bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Starts a private stack in var/bench (broker, registry, the services as ./anshin up starts them) "
                + "and, beside it, Alertmanager 0.25; measures them in one run with the same client and prints one "
                + "table: Anshin | Alertmanager | target | PASS/MISS.",
                "Phases: cold (the first seconds after ready), ingest (warm-up, then accepted/s and CPU per report at "
                        + "each connection count), routing (real topology vs pass-through), e2e (POST -> webhook "
                        + "at paced rates), burst (5,700 operators). RSS is read after the last load phase.",
                "Example, one figure quickly: ./anshin bench --phases ingest --connections 32 --warmup-seconds 10 "
                        + "--ingest-seconds 10"},
        version = "anshin bench (issue 17)")
final class BenchOptions {
    /** What can be measured on its own. */
    enum Phase { cold, ingest, e2e, burst, routing }

    @Parameters(hidden = true, arity = "0..1", description = "the launcher script passes its command through")
    private String command;

    @Option(names = "--quick", description = "short phases and a 570-operator burst: a smoke check of the bench")
    private boolean quick;

    @Option(names = "--skip-alertmanager", description = "no Alertmanager beside the figures (not installed)")
    private boolean skipAlertmanager;

    @Option(names = "--phases", split = ",", paramLabel = "PHASE",
            description = "phases to run, comma-separated, in the fixed order cold,ingest,e2e,burst,routing "
                    + "(default: all). Valid: ${COMPLETION-CANDIDATES}")
    private List<Phase> phases = new ArrayList<>(List.of(Phase.values()));

    @Option(names = "--connections", split = ",", paramLabel = "N",
            description = "closed-loop connections of the ingest phase, each one request outstanding (default: 32,256)")
    private List<Integer> connections = new ArrayList<>(List.of(32, 256));

    @Option(names = "--warmup-seconds", paramLabel = "S",
            description = "warm-up of the same load before the measured ingest runs (default 60: the JIT of five JVMs on two cores is still busy after 30 s; quick 5)")
    private Integer warmupSeconds;

    @Option(names = "--ingest-seconds", paramLabel = "S", description = "each measured ingest run (default 20, quick 5)")
    private Integer ingestSeconds;

    @Option(names = "--cold-seconds", paramLabel = "S", description = "the cold window after ready (default 10)")
    private int coldSeconds = 10;

    @Option(names = "--e2e-rates", split = ",", paramLabel = "R",
            description = "paced end-to-end rates, reports/s (default: 100,1000)")
    private List<Integer> e2eRates = new ArrayList<>(List.of(100, 1000));

    @Option(names = "--e2e-seconds", paramLabel = "S",
            description = "each end-to-end rate (default 30 at <= 100/s, 20 above; quick 5)")
    private Integer e2eSeconds;

    @Option(names = "--e2e-warmup-seconds", paramLabel = "S",
            description = "warm-up at 100/s before the end-to-end rates, each side (default 10, quick 3)")
    private Integer e2eWarmupSeconds;

    @Option(names = "--e2e-samples-dir", paramLabel = "DIR",
            description = "also write each end-to-end request's timings there, one CSV per rate (e2e-<rate>.csv: "
                    + "when sent, then ms to the answer, to the notice being visible and to the webhook), "
                    + "to see what a tail is made of")
    private Path e2eSamplesDir;

    @Option(names = "--ceiling-seconds", paramLabel = "S",
            description = "raw Kafka producer ceiling shown beside ingest; 0 skips it (default 15, quick 5)")
    private Integer ceilingSeconds;

    @Option(names = "--burst-operators", paramLabel = "N", description = "default 5700, quick 570")
    private Integer burstOperators;

    @Option(names = "--burst-seconds", paramLabel = "S", description = "burst window (default 60, quick 20)")
    private Integer burstSeconds;

    @Option(names = "--out", paramLabel = "FILE",
            description = "where to write the table (default: BENCHMARKS.md for a full run of every phase, else "
                    + "var/bench/BENCHMARKS.md)")
    private Path out;

    boolean quick() {
        return quick;
    }

    boolean skipAlertmanager() {
        return skipAlertmanager;
    }

    Set<Phase> phases() {
        return phases.isEmpty() ? EnumSet.noneOf(Phase.class) : EnumSet.copyOf(phases);
    }

    boolean runs(Phase p) {
        return phases.contains(p);
    }

    /** Every phase, full durations: the run whose table is the repository's. */
    boolean isFullRun() {
        return !quick && phases().containsAll(EnumSet.allOf(Phase.class)) && warmupSeconds == null
                && ingestSeconds == null && e2eSeconds == null && burstOperators == null;
    }

    List<Integer> connections() {
        return List.copyOf(connections);
    }

    int warmupSeconds() {
        return warmupSeconds != null ? warmupSeconds : quick ? 5 : 60;
    }

    int ingestSeconds() {
        return ingestSeconds != null ? ingestSeconds : quick ? 5 : 20;
    }

    int coldSeconds() {
        return coldSeconds;
    }

    int ceilingSeconds() {
        return ceilingSeconds != null ? ceilingSeconds : quick ? 5 : 15;
    }

    List<Integer> e2eRates() {
        return List.copyOf(e2eRates);
    }

    int e2eSeconds(int rate) {
        return e2eSeconds != null ? e2eSeconds : quick ? 5 : rate <= 100 ? 30 : 20;
    }

    Optional<Path> e2eSamplesDir() {
        return Optional.ofNullable(e2eSamplesDir);
    }

    int e2eWarmupSeconds() {
        return e2eWarmupSeconds != null ? e2eWarmupSeconds : quick ? 3 : 10;
    }

    int burstOperators() {
        return burstOperators != null ? burstOperators : quick ? 570 : 5_700;
    }

    int burstWindowSeconds() {
        return burstSeconds != null ? burstSeconds : quick ? 20 : 60;
    }

    /** The file the table goes to, under {@code home}. */
    Path outFile(Path home) {
        if (out != null) {
            return home.resolve(out);
        }
        return isFullRun() ? home.resolve("BENCHMARKS.md") : home.resolve("var/bench/BENCHMARKS.md");
    }

    /** Checks picocli cannot express: positive durations and counts, the one command it may be passed. */
    void validate() {
        if (command != null && !command.equals("bench")) {
            throw new IllegalArgumentException("unexpected argument '" + command + "'");
        }
        for (int c : connections) {
            positive("--connections", c);
        }
        for (int r : e2eRates) {
            positive("--e2e-rates", r);
        }
        positive("--cold-seconds", coldSeconds);
        positive("--warmup-seconds", warmupSeconds());
        positive("--ingest-seconds", ingestSeconds());
        positive("--burst-operators", burstOperators());
        positive("--burst-seconds", burstWindowSeconds());
        if (connections.isEmpty()) {
            throw new IllegalArgumentException("--connections needs at least one count");
        }
    }

    private static void positive(String option, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(option + " must be > 0 (was " + value + ")");
        }
    }
}
