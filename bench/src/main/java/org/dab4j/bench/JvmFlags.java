package org.dab4j.bench;

/** The flags of every forked benchmark JVM, as the launcher sets them for the CLI. */
final class JvmFlags {
    static final String VECTOR_MODULE = "--add-modules=jdk.incubator.vector";
    static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";
    static final String UNSAFE_ACCESS = "--sun-misc-unsafe-memory-access=allow";

    private JvmFlags() {
    }
}
