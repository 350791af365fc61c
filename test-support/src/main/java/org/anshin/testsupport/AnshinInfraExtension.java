package org.anshin.testsupport;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects the shared {@link Infra} (also as {@link LocalInfra}) into test constructors, test methods and
 * lifecycle methods. The broker and registry start on first use and are shared by every test class of the JVM;
 * they stop when the JUnit run ends (root store resource), or at the latest at JVM exit.
 */
public class AnshinInfraExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(AnshinInfraExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext)
            throws ParameterResolutionException {
        Class<?> type = parameterContext.getParameter().getType();
        return type == Infra.class || type == LocalInfra.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext)
            throws ParameterResolutionException {
        return shared(extensionContext);
    }

    /** The shared infrastructure, started on first call. */
    @SuppressWarnings("deprecation")
    public static LocalInfra shared(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(LocalInfra.class, k -> LocalInfra.start(), LocalInfra.class);
    }
}
