package org.anshin.common.cli;

import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Option;

/**
 * Resolves {@code ${env:NAME:-fallback}} defaults against a given environment rather than picocli's own
 * {@code System.getenv()}, so that tests can pass one, and so that a blank variable counts as unset (as the
 * hand-written parser did: compose files write {@code ANSHIN_INSTANCE_ID: ""}). Picocli asks this provider only
 * for options the command line did not set: command line, then environment, then default.
 */
final class EnvDefaults implements IDefaultValueProvider {
    private final Map<String, String> env;

    EnvDefaults(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        Optional<EnvDefault> declared = EnvDefault.of(arg);
        if (declared.isEmpty()) {
            return null; // a plain default: picocli's
        }
        String value = env.get(declared.get().variable());
        if (value != null && !value.isBlank()) {
            return value;
        }
        if (declared.get().fallback() != null) {
            return declared.get().fallback();
        }
        // no fallback written: the field's initial value (the port a service passed to ServiceArgs), else none
        Object initial = arg.initialValue();
        return initial == null ? Option.NULL_VALUE : initial.toString();
    }
}
