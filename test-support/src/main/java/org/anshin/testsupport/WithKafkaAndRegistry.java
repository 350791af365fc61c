package org.anshin.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Shorthand for {@code @ExtendWith(AnshinInfraExtension.class)}: the test class may declare {@link Infra}
 * parameters (constructor, {@code @BeforeAll}, {@code @Test}, ...) and gets the shared broker and registry.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(AnshinInfraExtension.class)
@Tag("infra")
public @interface WithKafkaAndRegistry {
}
