package org.dab4j.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aparapi.Range;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.exception.CompileFailedException;
import org.junit.jupiter.api.Test;

/** Aparapi's silent fallback to Java threads is refused, up front and at launch. */
@RequiresOpenCl
class FallbackGuardTest {
    private final OpenCLDevice device = OpenClDevices.get().chosen();

    @Test
    void aKernelTheDeviceCannotRunFailsToCompile() {
        SwitchKernel kernel = new SwitchKernel();
        try {
            assertThrows(CompileFailedException.class, () -> kernel.compile(device));
        } finally {
            kernel.dispose();
        }
    }

    @Test
    void aLaunchThatWouldFallBackThrowsInsteadOfRunningInJava() {
        FallbackGuard.ensureInstalled();
        SwitchKernel kernel = new LaunchedSwitchKernel();
        try {
            kernel.setExplicit(true);
            FallbackGuard.FallbackRefused e = assertThrows(FallbackGuard.FallbackRefused.class,
                    () -> kernel.execute(Range.create(device, 64, 64)));
            assertTrue(e.getMessage().startsWith(FallbackGuard.FAILURE_PREFIX), e.getMessage());
            assertArrayEquals(new float[64], kernel.out, "the Java fallback must not have run");
        } finally {
            kernel.dispose();
        }
    }
}
