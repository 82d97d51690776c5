package org.dab4j.backend.opencl;

import org.dab4j.tensor.Availability;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.BackendConfig;
import org.dab4j.tensor.BackendProvider;

/**
 * The provider of {@link OpenClBackend}. Its priority follows the device it would use: above the vector
 * engine with an OpenCL GPU or accelerator, below it when the only device is a CPU (such as PoCL), where
 * the vector engine is faster. The arena size comes from {@value #ARENA_PROPERTY} (MiB, default
 * {@value #DEFAULT_ARENA_MIB}).
 */
public final class OpenClBackendProvider implements BackendProvider {
    public static final String NAME = "opencl";
    /** The system property that sets the arena size in MiB. */
    public static final String ARENA_PROPERTY = "dab4j.opencl.arenaMiB";
    static final int DEFAULT_ARENA_MIB = 64;
    /** With a GPU or accelerator: above the vector engine's 100. */
    static final int ACCELERATOR_PRIORITY = 200;
    /** With only a CPU device: below the vector engine's 100. */
    static final int CPU_PRIORITY = 50;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        OpenClDevices devices = OpenClDevices.get();
        return devices.available() ? priorityFor(devices.chosen().getType()) : CPU_PRIORITY;
    }

    static int priorityFor(com.aparapi.device.Device.TYPE type) {
        return OpenClDevices.isAccelerator(type) ? ACCELERATOR_PRIORITY : CPU_PRIORITY;
    }

    @Override
    public Availability availability() {
        try {
            OpenClDevices devices = OpenClDevices.get();
            return devices.available() ? Availability.available(devices.describeAll())
                    : Availability.unavailable(devices.problem());
        } catch (LinkageError | RuntimeException e) {
            return Availability.unavailable("OpenCL could not be probed: " + e);
        }
    }

    /** The backend on the preferred device; the threads of {@code config} do not apply to a device. */
    @Override
    public Backend create(BackendConfig config) {
        OpenClDevices devices = OpenClDevices.get();
        if (!devices.available()) {
            throw new IllegalStateException("the OpenCL backend is not available: " + devices.problem());
        }
        return new OpenClBackend(devices.chosen(), arenaFloats(System.getProperty(ARENA_PROPERTY)));
    }

    /** The arena size in floats for a property value in MiB (null for the default). */
    static int arenaFloats(String mebibytes) {
        if (mebibytes == null || mebibytes.isBlank()) {
            return DEFAULT_ARENA_MIB << 18;
        }
        int mib;
        try {
            mib = Integer.parseInt(mebibytes.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + ARENA_PROPERTY + " must be a whole number of MiB, got '"
                    + mebibytes + "'", e);
        }
        if (mib < 16 || mib > 8191) {
            throw new IllegalArgumentException("-D" + ARENA_PROPERTY + " must be between 16 and 8191 MiB, got " + mib);
        }
        return mib << 18;
    }
}
