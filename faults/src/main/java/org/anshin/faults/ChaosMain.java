package org.anshin.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./anshin chaos [SECONDS]}: every fault scenario with a longer flow (default 60 s at 20 reports a
 * second, the fault after a third of it), each on a broker and registry of its own, in {@code var/chaos}.
 * Prints the table of docs/RELIABILITY.md and exits non-zero if anything was lost or sent under two keys.
 * Needs nothing running: it uses no fixed port.
 */
public final class ChaosMain {
    private ChaosMain() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        if (seconds < 20) {
            throw new IllegalArgumentException("chaos needs at least 20 seconds of load per scenario");
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
        System.exit(bad ? 1 : 0);
    }
}
