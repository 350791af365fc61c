package org.anshin.common.config;

import java.util.List;
import org.anshin.common.ServiceArgs;
import org.anshin.common.cli.OptionDocs;

/**
 * The command-line options part of docs/CONFIGURATION.md, generated from the picocli declarations. The shared
 * options ({@link ServiceArgs}) are rendered here; each module's own options are rendered by a test of that
 * module (common cannot see its classes) into a block of the file, which this copies as it finds it, so that
 * regenerating from common keeps them. ConfigurationReferenceTest fails when a block is missing; each module's
 * test fails when its block differs from its command.
 */
final class OptionReference {
    /** A module that documents its options in a block of the reference: its id, title and checking test. */
    record Module(String id, String title, String declaredIn, String test) {
    }

    static final List<Module> MODULES = List.of(
            new Module("ingest-service", "ingest-service", "ingest-service/src/main/java/org/anshin/ingest/IngestCommand.java",
                    "ingest-service IngestCommandTest"),
            new Module("routing-service", "routing-service", "routing-service/src/main/java/org/anshin/routing/RoutingCommand.java",
                    "routing-service RoutingCommandTest"),
            new Module("notifier-service", "notifier-service (meanings in [notifier-service/README.md]"
                    + "(../notifier-service/README.md), section \"Options\")",
                    "notifier-service/src/main/java/org/anshin/notifier/NotifierCommand.java",
                    "notifier-service NotifierCommandTest"),
            new Module("console", "console", "console/src/main/java/org/anshin/console/ConsoleCommand.java",
                    "console ConsoleCommandTest"),
            new Module("local-inbox", "local inbox of `./anshin up`",
                    "local-inbox/src/main/java/org/anshin/inbox/LocalInboxMain.java", "local-inbox LocalInboxMainTest"),
            new Module("launcher-up", "`./anshin up`", "launcher/src/main/java/org/anshin/launcher/LaunchOptions.java",
                    "launcher LaunchOptionsTest"));

    private OptionReference() {
    }

    /** @param current the reference as it is now, whose module blocks are kept */
    static String markdown(String current) {
        StringBuilder out = new StringBuilder("## Service options\n\n");
        out.append("Options are written `--name value` or `--name=value`; every command answers `--help` with the"
                + " list below.\nWhere an environment variable exists the command line wins, then the environment,"
                + " then the default;\nthe others are command line only. A wrong or unknown option stops the service"
                + " with exit status 2,\nnaming the option. The tables are generated from the picocli declarations:"
                + " the shared ones by\n`common/src/main/java/org/anshin/common/config/OptionReference.java`, each"
                + " module's by a test of that module\n(named in its section) that fails when its section differs"
                + " from its command. The tools' options\n(`demo`, `replay`, `report`, `token`, `bench`, `chaos`) are"
                + " in their `./anshin COMMAND --help`.\n");
        out.append("\n### Shared by the services\n\nRead in `common/src/main/java/org/anshin/common/ServiceArgs.java`."
                + " Secrets (`--internal-token`, `--pseudonym-key`) are never shown;\ntheir `-file` variants read"
                + " them from a file (Docker/Kubernetes secrets).\n\n")
                .append(OptionDocs.table(new ServiceArgs.Shared(), OptionDocs::shared));
        for (Module m : MODULES) {
            out.append("\n### ").append(m.title()).append("\n\nRead in `").append(m.declaredIn())
                    .append("`; the table is written by `").append(m.test()).append("`.\n\n")
                    .append(OptionDocs.block(current, m.id()).orElse(OptionDocs.wrap(m.id(), "")))
                    .append('\n');
        }
        return out.toString();
    }
}
