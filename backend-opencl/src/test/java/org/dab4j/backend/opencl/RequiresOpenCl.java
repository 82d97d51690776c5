package org.dab4j.backend.opencl;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated tests only where OpenCL is available; elsewhere they are skipped with the reason, or,
 * when {@value OpenClCondition#REQUIRE_VARIABLE}{@code =1} (as in CI), they fail with it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(OpenClCondition.class)
public @interface RequiresOpenCl {
}
