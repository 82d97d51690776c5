package org.dab4j.backend.opencl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.internal.opencl.OpenCLLoader;
import com.aparapi.internal.opencl.OpenCLPlatform;

/**
 * What OpenCL offers on this machine, found once per JVM: every device of every platform, the one the
 * backend uses, or the reason there is none. Never throws: a missing {@code libOpenCL} or Aparapi native
 * library ({@link LinkageError}), no platform and no device all become a reason.
 */
final class OpenClDevices {
    private final List<OpenCLDevice> devices;
    private final OpenCLDevice chosen;
    private final String problem;

    private OpenClDevices(List<OpenCLDevice> devices, OpenCLDevice chosen, String problem) {
        this.devices = devices;
        this.chosen = chosen;
        this.problem = problem;
    }

    /** Probed on first use; OpenCL's platforms do not change while the JVM runs. */
    private static final class Holder {
        static final OpenClDevices PROBE = probe();
    }

    static OpenClDevices get() {
        return Holder.PROBE;
    }

    private static OpenClDevices probe() {
        try {
            if (!OpenCLLoader.isOpenCLAvailable()) {
                return unavailable("the OpenCL library could not be loaded (libOpenCL.so.1 with an ICD such as "
                        + "pocl-opencl-icd, or a GPU driver, is needed)");
            }
            List<OpenCLPlatform> platforms = new OpenCLPlatform().getOpenCLPlatforms();
            if (platforms.isEmpty()) {
                return unavailable("no OpenCL platform is installed (no ICD registered; install a GPU driver's "
                        + "OpenCL ICD or pocl-opencl-icd)");
            }
            List<OpenCLDevice> all = new ArrayList<>();
            for (OpenCLPlatform platform : platforms) {
                all.addAll(platform.getOpenCLDevices());
            }
            if (all.isEmpty()) {
                return unavailable("the OpenCL platforms " + platforms.stream().map(OpenCLPlatform::getName).toList()
                        + " offer no device");
            }
            return new OpenClDevices(List.copyOf(all), all.stream().min(PREFERENCE).orElseThrow(), null);
        } catch (LinkageError | RuntimeException e) {
            return unavailable("OpenCL could not be probed: " + e);
        }
    }

    private static OpenClDevices unavailable(String reason) {
        return new OpenClDevices(List.of(), null, reason);
    }

    /** Accelerators, then GPUs, then CPUs; more compute units first within a kind. */
    static final Comparator<OpenCLDevice> PREFERENCE = Comparator
            .comparingInt((OpenCLDevice d) -> kindRank(d.getType()))
            .thenComparing(Comparator.comparingInt(OpenCLDevice::getMaxComputeUnits).reversed());

    static int kindRank(Device.TYPE type) {
        if (type == Device.TYPE.ACC) {
            return 0;
        }
        return type == Device.TYPE.GPU ? 1 : 2;
    }

    /** Whether a device of this kind is faster than the vector engine on the same machine's CPU. */
    static boolean isAccelerator(Device.TYPE type) {
        return kindRank(type) < 2;
    }

    boolean available() {
        return chosen != null;
    }

    /** Why OpenCL is unavailable; null when it is available. */
    String problem() {
        return problem;
    }

    OpenCLDevice chosen() {
        return chosen;
    }

    List<OpenCLDevice> devices() {
        return devices;
    }

    /** E.g. {@code GPU NVIDIA H200 (NVIDIA CUDA, OpenCL 3.0 CUDA 12.4), 132 compute units, 140 GiB}. */
    static String describe(OpenCLDevice device) {
        OpenCLPlatform platform = device.getOpenCLPlatform();
        return String.format(Locale.ROOT, "%s %s (%s, %s), %d compute units, %s", device.getType(),
                device.getName().trim(), platform.getName().trim(), firstClause(platform.getVersion()),
                device.getMaxComputeUnits(), mebibytes(device.getGlobalMemSize()));
    }

    /** Every device, the chosen one marked, e.g. {@code 2 devices: [GPU ...] (used); CPU ...}. */
    String describeAll() {
        StringBuilder text = new StringBuilder();
        text.append(devices.size()).append(devices.size() == 1 ? " OpenCL device: " : " OpenCL devices: ");
        for (int i = 0; i < devices.size(); i++) {
            if (i > 0) {
                text.append("; ");
            }
            text.append(describe(devices.get(i)));
            if (devices.get(i) == chosen) {
                text.append(" (used)");
            }
        }
        return text.toString();
    }

    /** A version string up to its first comma, spaces collapsed: PoCL appends a list of build options. */
    private static String firstClause(String version) {
        int comma = version.indexOf(',');
        return (comma < 0 ? version : version.substring(0, comma)).trim().replaceAll("\\s+", " ");
    }

    static String mebibytes(long bytes) {
        long mib = bytes >> 20;
        return mib >= 10 * 1024 ? (mib >> 10) + " GiB" : mib + " MiB";
    }
}
