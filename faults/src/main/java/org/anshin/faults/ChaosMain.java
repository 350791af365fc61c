package org.anshin.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.anshin.common.cli.Cli;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ./anshin chaos [SECONDS]}: every fault scenario with a longer flow (default 60 s at 20 reports a
 * second, the fault after a third of it), each on a broker and registry of its own, in {@code var/chaos}.
 * Prints the table of docs/RELIABILITY.md and exits 1 if anything was lost or sent under two keys (2: a wrong
 * command line). Needs nothing running: it uses no fixed port.
 */
@Command(name = "anshin chaos", showDefaultValues = true,
        description = {"Run every fault scenario (a service, the broker, one of three brokers, one of two instances"
                + " killed; a registry outage) under load, each on a broker and registry of its own in var/chaos,"
                + " and print the table of docs/RELIABILITY.md.",
                "Exit status 1 if anything was lost or sent under two keys. Needs nothing running: no fixed port."})
public final class ChaosMain implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    org.anshin.common.cli.HelpOption help;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SECONDS", defaultValue = "60",
            description = "Seconds of load per scenario (20 reports a second, the fault after a third), at least 20.")
    int seconds;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(withoutCommandName(args)));
    }

    static CommandLine commandLine() {
        return Cli.configure(new CommandLine(new ChaosMain()), Map.of());
    }

    /** The anshin script passes its whole command line, {@code chaos} first. */
    static String[] withoutCommandName(String[] args) {
        return args.length > 0 && args[0].equals("chaos") ? Arrays.copyOfRange(args, 1, args.length) : args;
    }

    @Override
    public Integer call() throws Exception {
        if (seconds < 20) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Invalid value for positional parameter 'SECONDS': chaos needs at least 20 seconds of load per"
                            + " scenario, got " + seconds);
        }
        Path home = Path.of(System.getProperty("anshin.home", "."));
        Path work = home.resolve("var/chaos/" + Instant.now().toString().replace(':', '-'));
        Files.createDirectories(work);
        Faults faults = new Faults(home, work, Duration.ofSeconds(seconds), 20, seconds / 3, System.out);
        List<Tally> tallies = new ArrayList<>();
        tallies.add(faults.routingKilled());
        tallies.add(faults.notifierKilled());
        tallies.add(faults.ingestKilled());
        tallies.add(faults.brokerRestarted());
        tallies.add(faults.oneOfThreeBrokersLost());
        tallies.add(faults.oneOfTwoInstancesKilled());
        tallies.add(faults.registryOutage());
        System.out.println();
        System.out.println(Tally.header());
        tallies.forEach(t -> System.out.println(t.row()));
        boolean bad = tallies.stream().anyMatch(t -> t.lost() > 0 || t.conflicts() > 0);
        System.out.println(bad ? "chaos: FAILED (see lost / under different keys)" : "chaos: nothing lost, nothing under two keys");
        return bad ? 1 : 0;
    }
}
