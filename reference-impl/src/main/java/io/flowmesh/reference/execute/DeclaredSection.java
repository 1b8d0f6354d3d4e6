package io.flowmesh.reference.execute;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.flowmesh.reference.parse.Model;
import io.flowmesh.reference.parse.TaskSpec;

/**
 * One free-form section as an executor sees it: only the keys its executor declares, in template
 * order. Asking for a key the executor did not declare is a programming error, so what an executor
 * reads, what it declares (and so what is not warned about) and what it can record are one set.
 */
final class DeclaredSection extends AbstractMap<String, Object> {

    private final String section;
    private final String executor;
    private final List<String> declared;
    private final Map<String, Object> visible;

    /**
     * @param section the section's name, e.g. {@code inference}
     * @param executor the reading executor's name, for the error
     * @param declared the keys the executor declares for the section
     * @param values the section as written
     */
    DeclaredSection(String section, String executor, List<String> declared, Map<String, Object> values) {
        this.section = section;
        this.executor = executor;
        this.declared = List.copyOf(declared);
        Map<String, Object> visible = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (declared.contains(key)) {
                visible.put(key, value);
            }
        });
        this.visible = Collections.unmodifiableMap(visible);
    }

    /** The section {@code name} of a task's spec as {@code executor} declares it. */
    static DeclaredSection of(TaskSpec spec, Executor executor, String name) {
        return new DeclaredSection(name, executor.name(), executor.consumedKeys(name), written(spec, name));
    }

    private static Map<String, Object> written(TaskSpec spec, String name) {
        Model model = spec.model();
        switch (name) {
            case "model.vllm":
                return model == null ? Map.of() : model.vllm();
            case "model.transformers":
                return model == null ? Map.of() : model.transformers();
            case "model.diffusers":
                return model == null ? Map.of() : model.diffusers();
            case "model.config":
                return model == null ? Map.of() : model.config();
            case TaskContext.FIELDS:
                return spec.fields();
            default:
                return spec.sections().getOrDefault(name, Map.of());
        }
    }

    /** @throws IllegalStateException when the executor did not declare the key */
    @Override
    public Object get(Object key) {
        return visible.get(declared(key));
    }

    /** @throws IllegalStateException when the executor did not declare the key */
    @Override
    public boolean containsKey(Object key) {
        return visible.containsKey(declared(key));
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return visible.entrySet();
    }

    /** @throws IllegalStateException unless every key is declared */
    void requireDeclared(List<String> keys) {
        keys.forEach(this::declared);
    }

    private Object declared(Object key) {
        if (!declared.contains(key)) {
            throw new IllegalStateException("the " + executor + " executor reads " + section + "." + key
                    + " without declaring it");
        }
        return key;
    }
}
