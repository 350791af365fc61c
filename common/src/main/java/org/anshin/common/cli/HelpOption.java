package org.anshin.common.cli;

import picocli.CommandLine.Option;

/** {@code -h, --help} alone, for subcommands that have no version of their own to print. */
public final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;
}
