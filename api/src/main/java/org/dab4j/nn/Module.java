package org.dab4j.nn;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.dab4j.tensor.Tensor;

/**
 * A building block of a network: a forward function with named parameters and named child modules.
 * Registration order is the iteration order everywhere, so parameter lists (and the optimizer state and
 * checkpoints that follow them) are deterministic.
 *
 * <p>Parameters should be created outside any {@link org.dab4j.tensor.TensorScope} (see
 * {@link org.dab4j.tensor.TensorScope#outside}), since they outlive every training step.
 */
public abstract class Module {
    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();

    public abstract Tensor forward(Tensor x);

    /** Adds {@code module} as the child {@code name} (no dots, unique within this module) and returns it. */
    protected <T extends Module> T register(String name, T module) {
        Objects.requireNonNull(module, "module");
        requireFreshName(name);
        if (module.modules().contains(this)) {
            throw new IllegalArgumentException("registering " + module.getClass().getSimpleName() + " as '" + name
                    + "' would make " + getClass().getSimpleName() + " contain itself");
        }
        children.put(name, module);
        return module;
    }

    /** Adds {@code value} as the parameter {@code name} (no dots, unique within this module), marking it as requiring grad. */
    protected Tensor parameter(String name, Tensor value) {
        Objects.requireNonNull(value, "value");
        requireFreshName(name);
        parameters.put(name, value.requiresGrad(true));
        return value;
    }

    /**
     * Every parameter under its dotted path ({@code "0.weight"}): this module's own first, then each child's
     * in registration order.
     */
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> named = new LinkedHashMap<>();
        collect("", named);
        return named;
    }

    private void collect(String prefix, Map<String, Tensor> into) {
        parameters.forEach((name, p) -> into.put(prefix + name, p));
        children.forEach((name, child) -> child.collect(prefix + name + ".", into));
    }

    /** The distinct parameter tensors, in {@link #namedParameters()} order (a shared tensor appears once). */
    public List<Tensor> parameters() {
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Tensor> list = new ArrayList<>();
        for (Tensor p : namedParameters().values()) {
            if (seen.add(p)) {
                list.add(p);
            }
        }
        return list;
    }

    /** This module and all its descendants, depth-first in registration order (a shared module appears once). */
    public List<Module> modules() {
        Set<Module> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Module> list = new ArrayList<>();
        ArrayDeque<Module> stack = new ArrayDeque<>();
        stack.push(this);
        while (!stack.isEmpty()) {
            Module m = stack.pop();
            if (seen.add(m)) {
                list.add(m);
                List<Module> kids = new ArrayList<>(m.children.values());
                for (int i = kids.size() - 1; i >= 0; i--) {
                    stack.push(kids.get(i));
                }
            }
        }
        return list;
    }

    /** Sets every parameter's gradient to zero. */
    public void zeroGrad() {
        for (Tensor p : parameters()) {
            p.zeroGrad();
        }
    }

    private void requireFreshName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException("name '" + name + "' must be non-empty and contain no dots");
        }
        if (parameters.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " already has a member named '" + name + "'");
        }
    }
}
