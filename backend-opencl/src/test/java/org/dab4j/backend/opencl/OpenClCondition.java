package org.dab4j.backend.opencl;

import org.dab4j.tensor.Availability;
import org.dab4j.tensor.BackendConfig;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The condition behind {@link RequiresOpenCl}, and the way its tests create a backend. */
public final class OpenClCondition implements ExecutionCondition {
    /** Set to 1 where OpenCL must be there (CI), so that its tests cannot pass by being skipped. */
    public static final String REQUIRE_VARIABLE = "DAB4J_REQUIRE_OPENCL";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Availability availability = new OpenClBackendProvider().availability();
        if (availability.available()) {
            return ConditionEvaluationResult.enabled("OpenCL is available: " + availability.detail());
        }
        if (required()) {
            throw new IllegalStateException("OpenCL is required here (" + REQUIRE_VARIABLE + "=1) but unavailable: "
                    + availability.detail());
        }
        return ConditionEvaluationResult.disabled("OpenCL is unavailable: " + availability.detail()
                + " (set " + REQUIRE_VARIABLE + "=1 to make this a failure)");
    }

    static boolean required() {
        return "1".equals(System.getenv(REQUIRE_VARIABLE));
    }

    /** A backend on the preferred device with the default arena. */
    static OpenClBackend backend() {
        return (OpenClBackend) new OpenClBackendProvider().create(BackendConfig.defaults());
    }
}
