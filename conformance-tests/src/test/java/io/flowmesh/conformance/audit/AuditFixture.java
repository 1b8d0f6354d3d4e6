package io.flowmesh.conformance.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import io.flowmesh.conformance.classification.Classification;
import io.flowmesh.conformance.classification.ClassificationException;
import io.flowmesh.conformance.classification.ClassificationLoader;
import io.flowmesh.conformance.report.AuditReport;
import io.flowmesh.conformance.spi.RunOptions;

/**
 * A tiny corpus and classification shared by the audit and report tests, and the fake honouring
 * pattern that makes everything but {@code /spec/colour} and the unused row pass.
 */
public final class AuditFixture {

    /** Honours the kind, the task type and the speed; ignores the owner and the colour. */
    public static final Set<String> HONOURED = Set.of("/kind", "/spec/taskType", "/spec/speed");

    /** Warns about an injected replicas field. */
    public static final Set<String> WARNED = Set.of("/spec/replicas");

    /** Five fields; /spec/colour is unclassified and ignored. */
    public static final String ALPHA = String.join("\n",
            "kind: Task",
            "metadata:",
            "  owner: alice",
            "spec:",
            "  taskType: echo",
            "  speed: 3",
            "  colour: blue",
            "");

    /** Three fields, all of them fine. */
    public static final String BETA = String.join("\n",
            "kind: Task",
            "spec:",
            "  taskType: echo",
            "  speed: 5",
            "");

    /** Needs a task type the fake does not declare. */
    public static final String GAMMA = String.join("\n",
            "kind: Task",
            "spec:",
            "  taskType: gpu-only",
            "  speed: 9",
            "");

    /** Three rows: support, keep and remove (injected). */
    public static final String CLASSIFICATION = String.join("\n",
            "version: 1",
            "rows:",
            "  - id: spec-speed",
            "    group: executor key",
            "    field: spec.speed",
            "    patterns: [\"/spec/speed\"]",
            "    treatment: support",
            "    reason: speed drives the engine",
            "    upstreamUses: 2",
            "    effect: {channel: fake, keys: [/spec/speed]}",
            "  - id: metadata-owner",
            "    group: metadata only",
            "    field: metadata.owner",
            "    patterns: [\"/metadata/owner\"]",
            "    treatment: keep",
            "    reason: owner comes from the auth context",
            "    upstreamUses: 1",
            "  - id: spec-replicas",
            "    group: no-op scheduler control",
            "    field: spec.replicas",
            "    patterns: [\"**.spec.replicas\"]",
            "    treatment: remove",
            "    reason: nothing fans out on replicas",
            "    upstreamUses: 4",
            "    inject: {into: spec, key: replicas, value: 2}",
            "");

    /** A row that no template uses. */
    public static final String UNUSED_ROW = String.join("\n",
            "  - id: spec-never",
            "    group: metadata only",
            "    field: spec.never",
            "    patterns: [\"/spec/never\"]",
            "    treatment: keep",
            "    reason: nobody writes it",
            "    upstreamUses: 0",
            "");

    private AuditFixture() {
    }

    /** The classification with the unused row. */
    public static Classification classification() throws ClassificationException {
        return ClassificationLoader.parse(CLASSIFICATION + UNUSED_ROW, "inline-classification.yaml");
    }

    /** Writes the three templates into {@code dir}, with a stray non-template file the corpus must skip. */
    public static Path writeTemplates(Path dir) throws IOException {
        Files.writeString(dir.resolve("alpha.yaml"), ALPHA);
        Files.writeString(dir.resolve("beta.yml"), BETA);
        Files.writeString(dir.resolve("gamma.yaml"), GAMMA);
        Files.writeString(dir.resolve("notes.txt"), "not a template");
        return dir;
    }

    /** A steady fake that honours {@link #HONOURED} and warns about {@link #WARNED}. */
    public static FieldEchoImplementation steadyFake() {
        return new FieldEchoImplementation(HONOURED, WARNED, FieldEchoImplementation.Mode.STEADY);
    }

    /** The audit of the three templates, written to {@code dir}, by a steady fake. */
    public static AuditReport report(Path dir) throws ClassificationException, AuditInputException, IOException {
        return new Audit(steadyFake(), classification(), RunOptions.defaults())
                .run(TemplateCorpus.load(writeTemplates(dir)));
    }
}
