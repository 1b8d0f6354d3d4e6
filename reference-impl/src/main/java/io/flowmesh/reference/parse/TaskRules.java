package io.flowmesh.reference.parse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.flowmesh.conformance.spi.Diagnostic;

/**
 * The checks upstream makes on one task beyond its fields' shapes (its model validators and
 * {@code validate_dispatchable}): a vLLM inference or serve task asks for a GPU, an inference adapter
 * says where it comes from, an SSH session is either interactive or runs a command, stage inputs come
 * from declared dependencies, a python task's code and limits are sane, and a condition names a
 * dependency.
 *
 * <p>Expects a task spec the schema has accepted.
 */
final class TaskRules {

    /** Upstream's limit on a python task's code, in UTF-8 bytes. */
    static final int MAX_PYTHON_CODE_BYTES = 256 * 1024;
    /** Upstream's longest python task timeout, in seconds. */
    static final double MAX_PYTHON_TIMEOUT_SECONDS = 3600;

    private static final Pattern PYTHON_IDENTIFIER = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_]*");

    private final ExpandedTask task;
    private final JsonNode spec;
    private final Locator locator;
    private final List<Diagnostic> violations = new ArrayList<>();

    private TaskRules(ExpandedTask task, Locator locator) {
        this.task = task;
        this.spec = NullMembers.dropped(task.spec().tree());
        this.locator = locator;
    }

    /** The violations of one task, in the order checked; empty when it passes. */
    static List<Diagnostic> check(ExpandedTask task, Locator locator) {
        TaskRules rules = new TaskRules(task, locator);
        rules.run();
        return rules.violations;
    }

    private void run() {
        switch (spec.path("taskType").asText()) {
            case "inference":
                inference();
                break;
            case "serve":
                requireGpu("serve task launches a persistent vLLM server but requests no GPU: set"
                        + " spec.resources.hardware.gpu.count >= 1");
                break;
            case "ssh":
                sshSession();
                stageInputs("SSH");
                break;
            case "python":
                python();
                stageInputs("python");
                break;
            default:
                break;
        }
        conditionAmongDependsOn();
    }

    private void inference() {
        JsonNode model = spec.path("model");
        JsonNode adapters = model.path("adapters");
        for (int i = 0; i < adapters.size(); i++) {
            JsonNode adapter = adapters.get(i);
            if (!present(adapter.get("path")) && !present(adapter.get("url")) && !present(adapter.get("task_id"))) {
                String name = present(adapter.get("name")) ? adapter.get("name").asText() : adapter.path("type").asText();
                fail("/model/adapters/" + i, "spec.adapter-source", "adapter '" + name
                        + "' specifies no path, url or task_id and cannot be loaded");
            }
        }
        JsonNode enforceCpu = spec.get("enforce_cpu");
        if (enforceCpu != null && enforceCpu.isTextual()) {
            // An unresolved placeholder: upstream defers the backend checks to dispatch time.
            return;
        }
        boolean vllm = nonEmpty(model.get("vllm"));
        if (enforceCpu != null && enforceCpu.booleanValue()) {
            if (vllm) {
                fail("/enforce_cpu", "spec.cpu-with-vllm", "enforce_cpu is set but the model configures a vLLM backend");
            }
            return;
        }
        if (vllm || nonEmpty(adapters)) {
            requireGpu("inference task resolves to the vLLM backend but requests no GPU: set"
                    + " spec.resources.hardware.gpu.count >= 1, or use enforce_cpu or a transformers-only model");
        }
    }

    private void requireGpu(String message) {
        JsonNode count = spec.path("resources").path("hardware").path("gpu").get("count");
        if (count != null && count.isIntegralNumber() && count.longValue() >= 1) {
            return;
        }
        String at = count != null ? "/resources/hardware/gpu/count"
                : spec.path("resources").path("hardware").has("gpu") ? "/resources/hardware/gpu"
                : spec.path("resources").has("hardware") ? "/resources/hardware"
                : spec.has("resources") ? "/resources" : "/taskType";
        fail(at, "spec.needs-gpu", message);
    }

    private void sshSession() {
        JsonNode interactive = spec.get("interactive");
        if (interactive == null || !interactive.booleanValue()) {
            return;
        }
        if (spec.has("command") || spec.has("entrypoint")) {
            fail("/interactive", "spec.ssh-interactive",
                    "an interactive SSH session runs no command: remove command/entrypoint or set interactive: false");
        } else if (spec.path("authorizedKeys").isEmpty()) {
            fail("/interactive", "spec.ssh-interactive", "an interactive SSH session needs at least one authorizedKeys entry");
        }
    }

    private void python() {
        String code = spec.path("code").asText();
        if (code.isBlank()) {
            fail("/code", "spec.python", "python code must not be empty");
        } else if (code.getBytes(StandardCharsets.UTF_8).length > MAX_PYTHON_CODE_BYTES) {
            fail("/code", "spec.python", "python code is " + code.getBytes(StandardCharsets.UTF_8).length
                    + " bytes; the limit is " + MAX_PYTHON_CODE_BYTES);
        }
        JsonNode entrypoint = spec.get("entrypoint");
        if (entrypoint != null && !isIdentifier(entrypoint.asText())) {
            fail("/entrypoint", "spec.python", "python entrypoint '" + entrypoint.asText() + "' is not a Python identifier");
        }
        JsonNode timeout = spec.get("timeoutSeconds");
        if (timeout != null && !(timeout.doubleValue() > 0 && timeout.doubleValue() <= MAX_PYTHON_TIMEOUT_SECONDS)) {
            fail("/timeoutSeconds", "spec.python", "python timeoutSeconds must be in (0, 3600], found " + timeout);
        }
        if (nonEmpty(spec.get("requirements")) && !"bridge".equals(spec.path("network").asText())) {
            fail("/requirements", "spec.python", "python requirements are installed with pip and need network: bridge;"
                    + " to run offline, use an image that already contains them");
        }
        JsonNode emits = spec.path("emits");
        for (int i = 0; i < emits.size(); i++) {
            if (emits.get(i).asText().isBlank()) {
                fail("/emits/" + i, "spec.python", "python emits entries must not be empty");
            }
        }
    }

    /** SSH and python inputs: stages non-empty and unique, mount paths non-empty and unique, stages declared in dependsOn. */
    private void stageInputs(String what) {
        JsonNode inputs = spec.path("inputs");
        Set<String> stages = new HashSet<>();
        Set<String> mounts = new HashSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            String stage = inputs.get(i).path("stage").asText().strip();
            if (stage.isEmpty()) {
                fail("/inputs/" + i + "/stage", "spec.stage-inputs", what + " inputs[].stage must not be empty");
            } else if (!stages.add(stage)) {
                fail("/inputs/" + i + "/stage", "spec.stage-inputs", "two " + what + " inputs name stage '" + stage + "'");
            }
            JsonNode mount = inputs.get(i).get("mountPath");
            if (mount != null && (mount.asText().isBlank() || !mounts.add(mount.asText().strip()))) {
                fail("/inputs/" + i + "/mountPath", "spec.stage-inputs", what + " inputs[].mountPath must be non-empty and unique");
            }
        }
        JsonNode output = spec.path("sshOutput").get("mountPath");
        if (output != null && (output.asText().isBlank() || mounts.contains(output.asText().strip()))) {
            fail("/sshOutput/mountPath", "spec.stage-inputs", "SSH sshOutput.mountPath must be non-empty and differ from every input's");
        }
        List<String> declared = declaredDependsOn();
        if (!declared.isEmpty()) {
            for (int i = 0; i < inputs.size(); i++) {
                String stage = inputs.get(i).path("stage").asText().strip();
                if (!stage.isEmpty() && !declared.contains(stage)) {
                    fail("/inputs/" + i + "/stage", "spec.stage-inputs", what + " input stage '" + stage
                            + "' is not among spec.dependsOn " + declared);
                }
            }
        }
    }

    /** Upstream's model validator: with a spec-level dependsOn, condition.node must be in it. */
    private void conditionAmongDependsOn() {
        JsonNode node = spec.path("condition").get("node");
        List<String> declared = declaredDependsOn();
        if (node != null && !declared.isEmpty() && !declared.contains(node.asText().strip())) {
            fail("/condition/node", "spec.condition-node", "condition.node '" + node.asText()
                    + "' must appear in spec.dependsOn " + declared);
        }
    }

    private List<String> declaredDependsOn() {
        List<String> declared = new ArrayList<>();
        spec.path("dependsOn").forEach(dep -> {
            if (!dep.asText().isBlank()) {
                declared.add(dep.asText().strip());
            }
        });
        return declared;
    }

    private void fail(String relative, String code, String message) {
        violations.add(locator.at(task.spec().sourceOf(relative), code, task.named(message)));
    }

    private static boolean present(JsonNode value) {
        return value != null && !value.isNull() && !value.asText().isEmpty();
    }

    private static boolean nonEmpty(JsonNode value) {
        return value != null && value.isContainerNode() && !value.isEmpty();
    }

    /** Python's {@code str.isidentifier()}, for the letters, digits and underscores it allows. */
    private static boolean isIdentifier(String name) {
        return PYTHON_IDENTIFIER.matcher(name).matches();
    }
}
