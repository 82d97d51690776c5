package org.dab4j.backend.opencl;

/**
 * {@link SwitchKernel} under a second name for a second test: Aparapi remembers a failure per kernel class
 * for the JVM's life. Top-level, since nested classes make the translator warn about nest attributes.
 */
public final class LaunchedSwitchKernel extends SwitchKernel {
}
