package org.anshin.bench;

import org.anshin.bench.Figures.Verdict;

/**
 * The targets on the 2-core machine, as pure functions of the measured figures (NaN = not measured): kept
 * apart from the phases so that the verdicts can be tested without timing anything.
 */
final class Targets {
    static final String WARM_INGEST = ">= 2x Alertmanager, lag 0 within 10 s of the load stopping";
    static final String CPU = "<= Alertmanager's CPU per alert";
    static final String E2E_100 = "p99 <= 50 ms, max < 250 ms";
    static final String E2E_1000 = "p99 <= Alertmanager's, max < 1 s";
    static final String COLD = ">= 50 % of warm";

    private Targets() {
    }

    /** Warm ingest with the whole pipeline keeping up. {@code lagSeconds} < 0: lag never reached 0. */
    static Verdict warmIngest(double anshinPerSecond, double alertmanagerPerSecond, double lagSeconds) {
        if (Double.isNaN(alertmanagerPerSecond) || Double.isNaN(anshinPerSecond)) {
            return Verdict.NOT_MEASURED;
        }
        boolean keptUp = lagSeconds >= 0 && lagSeconds <= 10;
        return keptUp && anshinPerSecond >= 2 * alertmanagerPerSecond ? Verdict.PASS : Verdict.MISS;
    }

    static Verdict cpu(double anshinMicrosPerReport, double alertmanagerMicrosPerAlert) {
        if (Double.isNaN(anshinMicrosPerReport) || Double.isNaN(alertmanagerMicrosPerAlert)) {
            return Verdict.NOT_MEASURED;
        }
        return anshinMicrosPerReport <= alertmanagerMicrosPerAlert ? Verdict.PASS : Verdict.MISS;
    }

    /** End to end at 100 reports/s; every report must also have arrived and been accepted. */
    static Verdict e2eAt100(double p99Ms, double maxMs, long missingOrRefused) {
        if (Double.isNaN(p99Ms)) {
            return Verdict.NOT_MEASURED;
        }
        return missingOrRefused == 0 && p99Ms <= 50 && maxMs < 250 ? Verdict.PASS : Verdict.MISS;
    }

    static Verdict e2eAt1000(double p99Ms, double maxMs, long missingOrRefused, double alertmanagerP99Ms) {
        if (Double.isNaN(p99Ms) || Double.isNaN(alertmanagerP99Ms)) {
            return Verdict.NOT_MEASURED;
        }
        return missingOrRefused == 0 && p99Ms <= alertmanagerP99Ms && maxMs < 1000 ? Verdict.PASS : Verdict.MISS;
    }

    /** The first seconds after ready, at the same connection count as the warm figure. */
    static Verdict cold(double coldPerSecond, double warmPerSecond) {
        if (Double.isNaN(coldPerSecond) || Double.isNaN(warmPerSecond)) {
            return Verdict.NOT_MEASURED;
        }
        return coldPerSecond >= 0.5 * warmPerSecond ? Verdict.PASS : Verdict.MISS;
    }
}
