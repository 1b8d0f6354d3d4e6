package io.flowmesh.reference.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowmesh.conformance.cli.FlowMeshConformance;
import io.flowmesh.conformance.probe.TemplateTree;
import io.flowmesh.conformance.spi.Diagnostic;
import io.flowmesh.conformance.spi.RunOptions;
import io.flowmesh.conformance.spi.RunResult;
import io.flowmesh.conformance.suite.SuiteSettings;
import io.flowmesh.reference.ReferenceImplementation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile-input suite against the reference implementation, through the command line: resource
 * budgets refused at validate with the bound named, hostile YAML refused in words, and an audit that
 * never reaches the network. Each case asserts the exit code, the message and that the repository is
 * unchanged. The kit's own cases are in {@code conformance-tests} ({@code HostileInputsTest}).
 */
class HostileTemplatesTest {

    /** What one command line printed and returned. */
    record Outcome(int exitCode, String out, String err, Duration took) {
    }

    @TempDir
    Path dir;

    private Map<String, String> repository;

    @BeforeEach
    void snapshotTheRepository() throws IOException {
        repository = snapshot();
    }

    @AfterEach
    void theRepositoryIsUnchanged() throws IOException {
        assertThat(snapshot()).as("files of the repository after the case").isEqualTo(repository);
    }

    private static Map<String, String> snapshot() throws IOException {
        Path root = SuiteSettings.root();
        Map<String, String> files = new TreeMap<>();
        for (String part : List.of("templates", "expected", "fixtures", "docs", "README.md")) {
            Path top = root.resolve(part);
            if (Files.exists(top)) {
                try (Stream<Path> walk = Files.walk(top)) {
                    for (Path file : walk.filter(Files::isRegularFile).toList()) {
                        files.put(root.relativize(file).toString(), Files.size(file) + "@" + Files.getLastModifiedTime(file));
                    }
                }
            }
        }
        return files;
    }

    private static Outcome execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long start = System.nanoTime();
        int code = FlowMeshConformance.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString(), Duration.ofNanos(System.nanoTime() - start));
    }

    private static String template(String name) {
        try {
            return Files.readString(SuiteSettings.templates().resolve(name));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The template with the value set at the pointer, parent mappings created as needed. */
    private static String with(String name, String pointer, JsonNode value) {
        JsonNode tree = TemplateTree.read(template(name));
        String[] segments = pointer.substring(1).split("/");
        ObjectNode node = (ObjectNode) tree;
        for (int i = 0; i < segments.length - 1; i++) {
            node = node.withObjectProperty(segments[i]);
        }
        node.set(segments[segments.length - 1], value);
        return TemplateTree.write(tree);
    }

    /** One bounded field: the template it is set in, its pointer and its bound. */
    record Budget(String template, String pointer, long bound) {

        @Override
        public String toString() {
            return pointer + " <= " + bound;
        }
    }

    static Stream<Budget> budgets() {
        String vllm = "vllm_batch_sharded.yaml";
        String ppo = "ppo_smollm_sentiment.yaml";
        return Stream.of(
                new Budget(vllm, "/spec/shard/count", 1024),
                new Budget(vllm, "/spec/inference/max_tokens", 131_072),
                new Budget(vllm, "/spec/inference/min_tokens", 131_072),
                new Budget(vllm, "/spec/inference/n", 64),
                new Budget(vllm, "/spec/inference/best_of", 64),
                new Budget(vllm, "/spec/inference/batch_size", 4096),
                new Budget(vllm, "/spec/model/vllm/max_model_len", 1_048_576),
                new Budget(vllm, "/spec/model/vllm/max_num_seqs", 4096),
                new Budget(vllm, "/spec/model/vllm/tensor_parallel_size", 64),
                new Budget(vllm, "/spec/model/vllm/max_loras", 64),
                new Budget(vllm, "/spec/model/vllm/max_lora_rank", 1024),
                new Budget(ppo, "/spec/training/steps", 100_000),
                new Budget(ppo, "/spec/training/batch_size", 4096),
                new Budget(ppo, "/spec/training/mini_batch_size", 4096),
                new Budget(ppo, "/spec/training/ppo_epochs", 1000),
                new Budget(ppo, "/spec/training/gradient_accumulation_steps", 1024),
                new Budget(ppo, "/spec/generation/max_new_tokens", 131_072),
                new Budget(ppo, "/spec/reward_model/batch_size", 4096),
                new Budget("sft_gpt2.yaml", "/spec/training/max_steps", 100_000),
                new Budget("sft_gpt2.yaml", "/spec/training/num_train_epochs", 1000),
                new Budget("sft_gpt2.yaml", "/spec/training/per_device_train_batch_size", 4096),
                new Budget("sft_gpt2.yaml", "/spec/training/max_seq_length", 1_048_576),
                new Budget("lora_sft_basic.yaml", "/spec/lora/r", 1024),
                new Budget("diffusion_sd_turbo.yaml", "/spec/model/diffusers/num_inference_steps", 1000),
                new Budget("diffusion_sd_turbo.yaml", "/spec/model/diffusers/height", 8192),
                new Budget("transformers_cpu_inference.yaml", "/spec/model/transformers/max_batch_size", 4096),
                new Budget("transformers_cpu_inference.yaml", "/spec/inference/max_new_tokens", 131_072),
                new Budget("rag_qdrant_qa.yaml", "/spec/search/top_k", 10_000),
                new Budget("rag_qdrant_qa.yaml", "/spec/embedding/batch_size", 4096),
                new Budget("agent_web_research.yaml", "/spec/agent/max_steps", 100_000),
                new Budget("omni_qwen_speech.yaml", "/spec/omni/duration_seconds", 3600));
    }

    private Outcome validate(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("hostile.yaml"), yaml);
        return execute("validate", file.toString());
    }

    private static String over(Budget budget, String found) {
        return ": " + budget.pointer() + ": must be at most " + budget.bound() + ", found " + found + " [schema.maximum]";
    }

    @Nested
    class ResourceBudgets {

        @ParameterizedTest(name = "{0}: one more is refused naming the bound")
        @MethodSource("io.flowmesh.reference.hostile.HostileTemplatesTest#budgets")
        void oneOverTheBoundIsRefusedAtValidate(Budget budget) throws IOException {
            Outcome outcome = validate(with(budget.template(), budget.pointer(), TemplateTree.read("v: " + (budget.bound() + 1)).get("v")));

            assertThat(outcome.exitCode()).as("exit code; out: %s", outcome.out()).isEqualTo(1);
            assertThat(outcome.out()).contains(over(budget, Long.toString(budget.bound() + 1)));
        }

        @ParameterizedTest(name = "{0}: two billion is refused naming the bound")
        @MethodSource("io.flowmesh.reference.hostile.HostileTemplatesTest#budgets")
        void twoBillionIsRefusedAtValidate(Budget budget) throws IOException {
            Outcome outcome = validate(with(budget.template(), budget.pointer(), TemplateTree.read("v: 2147483647").get("v")));

            assertThat(outcome.exitCode()).isEqualTo(1);
            assertThat(outcome.out()).contains(over(budget, "2147483647"));
        }

        @ParameterizedTest(name = "{0}: the bound itself is within the budget")
        @MethodSource("io.flowmesh.reference.hostile.HostileTemplatesTest#budgets")
        void theBoundItselfIsNoBudgetViolation(Budget budget) throws IOException {
            Outcome outcome = validate(with(budget.template(), budget.pointer(), TemplateTree.read("v: " + budget.bound()).get("v")));

            assertThat(outcome.out()).doesNotContain("[schema.maximum]");
        }

        @Test
        void aNumberPastDoubleRangeIsRefusedNamingTheBound() throws IOException {
            String yaml = template("vllm_batch_sharded.yaml").replace("max_tokens: 64", "max_tokens: 1e400");

            Outcome outcome = validate(yaml);

            assertThat(outcome.exitCode()).isEqualTo(1);
            assertThat(outcome.out()).contains(dir.resolve("hostile.yaml") + ":" + lineOf(yaml, "max_tokens:")
                    + ":5: /spec/inference/max_tokens: must be at most"
                    + " 131072, found \"Infinity\" [schema.maximum]");
        }

        @Test
        void anIntegerTooLongForAYamlNumberIsRefusedNamingTheBound() throws IOException {
            // YAML reads a plain integer of more than 1000 digits as a string; a budget refuses digit strings too.
            String yaml = template("vllm_batch_sharded.yaml").replace("max_tokens: 64", "max_tokens: 1" + "0".repeat(2000));

            Outcome outcome = validate(yaml);

            assertThat(outcome.exitCode()).isEqualTo(1);
            assertThat(outcome.out()).contains(dir.resolve("hostile.yaml") + ":" + lineOf(yaml, "max_tokens:")
                    + ":5: /spec/inference/max_tokens: '1"
                    + "0".repeat(2000) + "' does not match ^(?!\\s*[+-]?[0-9]{10,}\\s*$) (Resource budget. A token count:"
                    + " at most 131072.) [schema.pattern]");
        }

        @Test
        void theShardCountThatExhaustedTheHeapIsRefusedAndItsAuditEndsAtOnce() throws IOException {
            Path templates = Files.createDirectory(dir.resolve("templates"));
            Files.writeString(templates.resolve("shards.yaml"),
                    template("vllm_batch_sharded.yaml").replace("count: 4", "count: 2147483647"));

            Outcome outcome = execute("audit", "--templates", templates.toString(), "--format", "json",
                    "--model-store", SuiteSettings.root().resolve("fixtures/model-store").toString());

            assertThat(outcome.exitCode()).as("exit code; stderr: %s", outcome.err()).isEqualTo(1);
            assertThat(outcome.out()).contains("/spec/shard/count: must be at most 1024, found 2147483647 [schema.maximum]");
            assertThat(outcome.took()).as("audit time").isLessThan(Duration.ofSeconds(60));
        }
    }

    /** One hostile YAML file and the diagnostic it must get. */
    record HostileYaml(String name, String yaml, String diagnostic) {

        @Override
        public String toString() {
            return name;
        }
    }

    /** The 1-based line of the first line of the text that contains the needle. */
    private static int lineOf(String text, String needle) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line contains " + needle);
    }

    /** A valid echo template, written here so the expected lines and columns do not move with templates/. */
    private static final String ECHO = String.join("\n",
            "# An echo task the hostile cases start from.",
            "# Two comment lines, as the bundled templates have.",
            "apiVersion: flowmesh/v1",
            "kind: EchoTask",
            "metadata:",
            "  name: echo-hello",
            "  owner: platform-team",
            "  annotations:",
            "    description: Smoke test of the fabric",
            "spec:",
            "  taskType: echo",
            "  data:",
            "    type: list",
            "    items: [hello from FlowMesh, hello again]",
            "  resources:",
            "    hardware: {cpu: \"1\", memory: 256Mi}",
            "  output:",
            "    destination: {type: local}",
            "");

    static Stream<HostileYaml> hostileYaml() {
        String echo = ECHO;
        String bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n";
        return Stream.of(
                new HostileYaml("an alias bomb", bomb, ":4:36: /d/7: alias expansion would add more than 10000 nodes to the"
                        + " document [yaml.alias-budget]"),
                new HostileYaml("nesting 200 deep", "a: " + "[".repeat(200) + "]".repeat(200) + "\n",
                        ": nesting is deeper than 64 levels [yaml.depth]"),
                new HostileYaml("a 100 KiB scalar", "a: " + "x".repeat(100 * 1024) + "\n",
                        ":1:4: /a: scalar is larger than 65536 bytes [yaml.scalar-size]"),
                new HostileYaml("a 2 MiB document", "items:\n" + "  - abcdefghijklmnopqrstuvwxyz0123456789\n".repeat(52_428),
                        ":1:1: (document): document is larger than 1048576 bytes [yaml.size]"),
                new HostileYaml("a python tag", echo + "x: !!python/object/apply:os.system [id]\n",
                        ":19:4: /x: tag '!!python/object/apply:os.system' is not allowed; only the core schema tags !!str,"
                                + " !!int, !!float, !!bool, !!null, !!map, !!seq are [yaml.tag]"),
                new HostileYaml("a custom tag", echo.replace("kind: EchoTask", "kind: !Ref EchoTask"),
                        ":4:7: /kind: tag '!Ref' is not allowed; only the core schema tags !!str, !!int, !!float, !!bool,"
                                + " !!null, !!map, !!seq are [yaml.tag]"),
                new HostileYaml("two documents", echo + "---\n" + echo,
                        ":22:1: (document): only one YAML document is allowed; a second one starts here [yaml.multi-document]"),
                new HostileYaml("a NUL character", echo + "x: \"a\u0000b\"\n",
                        ":1:1: (document): YAML syntax error: special characters are not allowed [yaml.syntax]"),
                new HostileYaml("a tab for indentation", echo.replace("  name: echo-hello", "\tname: echo-hello"),
                        ":6:1: (document): YAML syntax error: a tab indents this line; YAML indents with spaces only: replace"
                                + " the tab with spaces (the YAML parser says: found character '\\t(TAB)' that cannot start"
                                + " any token. (Do not use \\t(TAB) for indentation)) [yaml.syntax]"),
                new HostileYaml("an empty file", "", ":1:1: (document): the document is empty [yaml.empty]"),
                new HostileYaml("a null document", "~\n", ":1:1: (document): the document root must be a mapping, found a"
                        + " scalar [yaml.root]"),
                new HostileYaml("a list document", "- a\n- b\n", ":1:1: (document): the document root must be a mapping,"
                        + " found a sequence [yaml.root]"),
                new HostileYaml("a 70 000-character key", echo + "k".repeat(70_000) + ": 1\n",
                        ":19:70001: (document): YAML syntax error: a key runs on for more than 1024 characters, YAML's limit"
                                + " for a plain key (the YAML parser says: could not find expected ':') [yaml.syntax]"),
                new HostileYaml("a 1001-digit integer", template("vllm_batch_sharded.yaml")
                        .replace("max_tokens: 64", "max_tokens: 1" + "0".repeat(1000)),
                        ":0:0: (document): YAML syntax error: Number value length (1001) exceeds the maximum allowed (1000,"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileYaml")
    void hostileYamlIsRefusedInWords(HostileYaml hostile) throws IOException {
        Outcome outcome = validate(hostile.yaml());

        assertThat(outcome.exitCode()).as("exit code; stderr: %s", outcome.err()).isEqualTo(1);
        assertThat(outcome.out()).startsWith(dir.resolve("hostile.yaml").toString()).contains(hostile.diagnostic())
                .endsWith("1 template(s): 0 valid, 1 invalid, 0 warning(s)" + System.lineSeparator());
    }

    @Nested
    class NeverTheNetwork {

        @Test
        void aMissingUrlMirrorIsAnInputError() {
            Path missing = dir.resolve("no-mirror");

            Outcome outcome = execute("audit", "--url-mirror", missing.toString());

            assertThat(outcome.exitCode()).isEqualTo(2);
            assertThat(outcome.err()).isEqualTo("error: " + missing + ": no such URL mirror folder (--url-mirror); the audit"
                    + " answers http(s) URLs from DIR/host/path and never uses the network" + System.lineSeparator());
        }

        @Test
        void withoutAMirrorTheReferenceRefusesAUrlThatIsNotOnThisMachine() {
            RunOptions noMirror = RunOptions.defaults()
                    .with(RunOptions.MODEL_STORE, SuiteSettings.root().resolve("fixtures/model-store").toString());

            RunResult result = new ReferenceImplementation().run(template("lora_inference_url_adapter.yaml"), noMirror);

            assertThat(result).isInstanceOfSatisfying(RunResult.Rejected.class, rejected ->
                    assertThat(rejected.violations()).extracting(Diagnostic::message).containsExactly("offline run:"
                            + " https://huggingface.co/flowmesh/sentiment-lora/resolve/main/adapter.tar.gz is not on this"
                            + " machine, and no URL mirror was given (urlMirror); the reference never reaches the network"));
        }

        @Test
        void theWatchSeesAConnectionToAnotherHost() throws Exception {
            assertThat(childJvm("--self-test")).endsWith(NoNetworkAudit.ATTEMPTS + "[192.0.2.1:9]");
        }

        @Test
        void anAuditOfTheTemplatesThatNameUrlsOpensNoConnectionToAnotherHost() throws Exception {
            Path templates = Files.createDirectory(dir.resolve("templates"));
            for (String name : List.of("lora_inference_url_adapter.yaml", "vllm_http_callback.yaml", "api_get_status.yaml",
                    "rag_qdrant_qa.yaml")) {
                Files.copy(SuiteSettings.templates().resolve(name), templates.resolve(name));
            }
            Path emptyMirror = Files.createDirectory(dir.resolve("empty-mirror"));

            String out = childJvm("audit", "--templates", templates.toString(), "--url-mirror", emptyMirror.toString(),
                    "--model-store", SuiteSettings.root().resolve("fixtures/model-store").toString());

            assertThat(out).contains("offline run: https://huggingface.co/flowmesh/sentiment-lora/resolve/main/adapter.tar.gz"
                    + " is not in the URL mirror").endsWith(NoNetworkAudit.ATTEMPTS + "[]");
        }

        /** The child's stdout, stripped, once it has exited. */
        private String childJvm(String... args) throws Exception {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Djava.security.manager=allow", "-Dflowmesh.repository.root=" + SuiteSettings.root(),
                    "-Djava.io.tmpdir=" + Files.createDirectories(dir.resolve("child-tmp")),
                    "-cp", System.getProperty("java.class.path"), NoNetworkAudit.class.getName()));
            command.addAll(List.of(args));
            Process child = new ProcessBuilder(command).redirectError(dir.resolve("child.err").toFile()).start();
            byte[] out = child.getInputStream().readAllBytes();
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("the child exited").isTrue();
            try (Stream<Path> left = Files.list(dir.resolve("child-tmp"))) {
                assertThat(left).as("the child's temporary files, all deleted").isEmpty();
            }
            return new String(out, StandardCharsets.UTF_8).strip();
        }
    }
}
