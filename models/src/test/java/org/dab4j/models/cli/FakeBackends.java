package org.dab4j.models.cli;

import com.google.inject.Module;
import com.google.inject.TypeLiteral;
import com.google.inject.util.Modules;
import org.dab4j.inject.Dab4jModule;
import org.dab4j.tensor.Availability;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.BackendConfig;
import org.dab4j.tensor.BackendProvider;
import org.dab4j.tensor.Backends;
import org.dab4j.tensor.BinaryOp;
import org.dab4j.tensor.Storage;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.function.Function;

/**
 * Backends for CLI tests, independent of any real engine: host arrays that can allocate, upload, download
 * and add (the self-test's needs); every other operation throws. {@code adder} adds wrongly when {@code off}
 * is not zero.
 */
final class FakeBackends {
    private FakeBackends() {
    }

    record HostStorage(float[] data) implements Storage {
        @Override
        public int length() {
            return data.length;
        }

        @Override
        public boolean isReleased() {
            return false;
        }
    }

    record Provider(String name, int priority, Availability availability, float off) implements BackendProvider {
        static Provider working(String name, int priority) {
            return new Provider(name, priority, Availability.available("host arrays"), 0);
        }

        @Override
        public Backend create(BackendConfig config) {
            return adder(name, off);
        }
    }

    static Backend adder(String name, float off) {
        return (Backend) Proxy.newProxyInstance(FakeBackends.class.getClassLoader(), new Class<?>[]{Backend.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "name" -> name;
                    case "description" -> "fake " + name + " on host arrays";
                    case "allocate" -> new HostStorage(new float[(int) args[0]]);
                    case "release", "close" -> null;
                    case "upload" -> {
                        System.arraycopy((float[]) args[0], (int) args[1], ((HostStorage) args[2]).data(),
                                (int) args[3], (int) args[4]);
                        yield null;
                    }
                    case "download" -> {
                        System.arraycopy(((HostStorage) args[0]).data(), (int) args[1], (float[]) args[2],
                                (int) args[3], (int) args[4]);
                        yield null;
                    }
                    case "binary" -> {
                        if (args[0] != BinaryOp.ADD) {
                            throw new UnsupportedOperationException("the fake backend only adds");
                        }
                        float[] a = ((HostStorage) args[1]).data();
                        float[] b = ((HostStorage) args[3]).data();
                        float[] out = ((HostStorage) args[5]).data();
                        for (int i = 0; i < out.length; i++) {
                            out[i] = a[i] + b[i] + off;
                        }
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "FakeBackend[" + name + "]";
                    default -> throw new UnsupportedOperationException("the fake backend cannot " + method.getName());
                });
    }

    /** Dab4jModule with discovery replaced by these providers, as CliEnvironment wants it. */
    static Function<String, Module> module(BackendProvider... providers) {
        List<Backends.Probe> probes = Backends.probe(List.of(providers));
        return requested -> Modules.override(new Dab4jModule(requested)).with(binder ->
                binder.bind(new TypeLiteral<List<Backends.Probe>>() {
                }).toInstance(probes));
    }
}
