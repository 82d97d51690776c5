package org.dab4j.backend.opencl;

import com.aparapi.Kernel;

/** A kernel Aparapi cannot translate (it has a {@code switch}), so it would fall back to Java threads. */
public class SwitchKernel extends Kernel {
    final float[] out = new float[64];
    int mode;

    @Override
    public void run() {
        int i = getGlobalId();
        switch ((mode + i) % 3) {
            case 0 -> out[i] = 1f;
            case 1 -> out[i] = 2f;
            default -> out[i] = 3f;
        }
    }
}
