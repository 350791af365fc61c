package org.anshin.bench;

import java.nio.file.Path;
import java.util.Arrays;
import org.anshin.devstack.DevstackException;
import org.anshin.devstack.ManagedProcess;

/**
 * {@code ./anshin bench}: starts a private stack in var/bench, measures the five items side by side on this
 * machine, prints one table and writes it with the machine description to BENCHMARKS.md. Not a test: nothing here
 * runs in CI.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(Arrays.asList(args));
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        // Ctrl-C or SIGTERM: stop the stack and Alertmanager before leaving
        Runtime.getRuntime().addShutdownHook(new Thread(ManagedProcess::closeAll, "bench-stop"));
        Path home = Path.of(System.getProperty("anshin.home", ".")).toAbsolutePath().normalize();
        try {
            new BenchRun(home, options, System.out).run();
        } catch (DevstackException | IllegalStateException e) {
            System.err.println("bench: " + e.getMessage());
            ManagedProcess.closeAll();
            System.exit(1);
        }
    }
}
