package org.anshin.bench;

import java.nio.file.Path;
import org.anshin.devstack.DevstackException;
import org.anshin.devstack.ManagedProcess;
import picocli.CommandLine;

/**
 * {@code ./anshin bench}: starts a private stack in var/bench, measures it beside Alertmanager on this machine in
 * one run, prints one table and writes it with the machine description to BENCHMARKS.md. Not a test: nothing here
 * runs in CI.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = new BenchOptions();
        CommandLine cli = new CommandLine(options).setCaseInsensitiveEnumValuesAllowed(true);
        try {
            CommandLine.ParseResult parsed = cli.parseArgs(args);
            if (CommandLine.printHelpIfRequested(parsed)) {
                return;
            }
            options.validate();
        } catch (CommandLine.ParameterException | IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.println("usage: ./anshin bench [--quick] [--phases cold,ingest,e2e,burst,routing] ... "
                    + "(./anshin bench --help)");
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
