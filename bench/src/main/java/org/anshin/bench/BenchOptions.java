package org.anshin.bench;

import java.util.List;

/**
 * {@code ./anshin bench [--quick] [--skip-alertmanager]}.
 *
 * @param quick            short phases and a 570-operator burst: a smoke check of the bench itself; figures go to
 *                         var/bench/BENCHMARKS.md, not the repository's BENCHMARKS.md
 * @param skipAlertmanager no Alertmanager baseline (e.g. when prometheus-alertmanager is not installed)
 */
record BenchOptions(boolean quick, boolean skipAlertmanager) {
    static final String USAGE = "usage: ./anshin bench [--quick] [--skip-alertmanager]";

    static BenchOptions parse(List<String> args) {
        boolean quick = false;
        boolean skipAm = false;
        for (String a : args) {
            switch (a) {
                case "bench" -> { } // the launcher script passes its command through
                case "--quick" -> quick = true;
                case "--skip-alertmanager" -> skipAm = true;
                default -> throw new IllegalArgumentException("unknown option '" + a + "'\n" + USAGE);
            }
        }
        return new BenchOptions(quick, skipAm);
    }

    int ingestSeconds() {
        return quick ? 5 : 20;
    }

    int ceilingSeconds() {
        return quick ? 5 : 15;
    }

    int e2eSeconds(int rate) {
        return quick ? 5 : rate <= 100 ? 30 : 20;
    }

    int burstOperators() {
        return quick ? 570 : 5_700;
    }

    int burstWindowSeconds() {
        return quick ? 20 : 60;
    }
}
