package org.dab4j.tensor;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Wraps a {@link Backend} to count the storages allocated through it and not released since (so a test can
 * tell a step loop that gives all its memory back from one that leaks a buffer per step), and the matrix
 * products it ran.
 */
public final class CountingBackend {
    private final Set<Storage> live = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Backend backend;
    private int products;

    public CountingBackend(Backend inner) {
        backend = (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class},
                (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(inner, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    switch (method.getName()) {
                        case "allocate", "allocateUninitialized" -> live.add((Storage) result);
                        case "release" -> live.remove((Storage) args[0]);
                        case "matmul" -> products++;
                        default -> { }
                    }
                    return result;
                });
    }

    /** The counting backend, to create tensors on. */
    public Backend backend() {
        return backend;
    }

    /** The storages allocated and not released. */
    public int liveStorages() {
        return live.size();
    }

    /** The matrix products run since the last {@link #resetProducts()}. */
    public int products() {
        return products;
    }

    public void resetProducts() {
        products = 0;
    }
}
