package org.anshin.launcher;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.anshin.devstack.DevstackException;
import picocli.CommandLine;

/**
 * {@code ./anshin up [--fresh] [--config DIR]} (and {@code ./anshin --help}, {@code --version}; {@link AnshinCommand}):
 * starts the local stack and keeps it running until Ctrl-C or
 * SIGTERM, then stops everything in reverse order. The repository root comes from system property
 * {@code anshin.home} (set by the {@code ./anshin} script), else the working directory.
 */
public final class AnshinLauncher {
    private AnshinLauncher() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    /** Runs the command; returns only on failure or for help (the exit code), otherwise blocks until stopped. */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        Path cwd = Path.of("").toAbsolutePath();
        String homeProp = System.getProperty("anshin.home");
        Path home = homeProp == null || homeProp.isBlank() ? cwd : Path.of(homeProp).toAbsolutePath().normalize();
        LaunchOptions options;
        CommandLine cl = AnshinCommand.commandLine(System.getenv());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        try {
            CommandLine.ParseResult parsed = cl.parseArgs(args.toArray(String[]::new));
            Integer helped = CommandLine.executeHelpRequest(parsed);
            if (helped != null) {
                out.flush();
                return helped;
            }
            if (!parsed.hasSubcommand()) {
                cl.usage(err);
                return 2;
            }
            options = LaunchOptions.parse(args, home, cwd);
        } catch (CommandLine.ParameterException e) {
            err.println("anshin: " + LaunchOptions.message(e));
            err.println("Try './anshin " + (e.getCommandLine() == cl ? "" : e.getCommandLine().getCommandName() + " ")
                    + "--help' for the options.");
            return 2;
        } catch (UsageException e) {
            err.println("anshin: " + e.getMessage());
            err.println("Try './anshin up --help' for the options.");
            return 2;
        }
        long t0 = System.nanoTime();
        CountDownLatch stopped = new CountDownLatch(1);
        Stack[] holder = new Stack[1];
        Thread hook = new Thread(() -> {
            Stack s;
            synchronized (holder) {
                s = holder[0];
            }
            if (s != null) {
                out.println();
                out.println("anshin: stopping ...");
                s.close();
                out.println("anshin: stopped");
            }
            stopped.countDown();
        }, "anshin-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        Stack stack;
        try {
            out.println("anshin: starting Kafka (127.0.0.1:" + options.kafkaPort() + ") and the schema registry (127.0.0.1:"
                    + options.registryPort() + "); data in " + options.varDir());
            stack = Stack.up(options, out);
        } catch (DevstackException e) {
            err.println("anshin: " + e.getMessage());
            return 1;
        }
        synchronized (holder) {
            holder[0] = stack;
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        out.printf("%nanshin is up (%.1f s):%n%s%n", secs, stack.table());
        printDemoTokens(options, out);
        out.printf("Press Ctrl-C to stop.%n");
        out.flush();
        // from here on Stack's supervisors restart whatever crashes (a line on the console for each)
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** The demo tokens the config accepts (none in a production config), so one curl gets going. */
    static void printDemoTokens(LaunchOptions options, PrintStream out) {
        java.nio.file.Path file = options.configDir().resolve(org.anshin.common.config.Operators.FILE);
        try {
            java.util.List<String> lines = org.anshin.common.config.Operators.load(file).demoTokenLines();
            if (!lines.isEmpty()) {
                out.println("demo operator tokens (local use only):");
                lines.forEach(l -> out.println("  " + l));
                out.println();
            }
        } catch (org.anshin.common.config.ConfigException e) {
            out.println("(no demo tokens: " + e.getMessage() + ")");
        }
    }
}
