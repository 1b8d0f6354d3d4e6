package io.flowmesh.conformance.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import io.flowmesh.conformance.audit.AuditInputException;
import picocli.CommandLine.Command;

/**
 * {@code schema}: prints the JSON Schema (draft 2020-12) of a FlowMesh workflow template, the file the
 * repository publishes at {@code schema/workflow.schema.json}, for an editor or validator on a machine
 * that has only the kit's jar.
 */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = {"Prints the JSON Schema (draft 2020-12) of a workflow template: the repository's",
                "schema/workflow.schema.json. Save it and point an editor at it with a first template line",
                "'# yaml-language-server: $schema=PATH' (docs/field-reference.md)."})
final class SchemaCommand extends InputCheckedCommand {

    /** Where the kit's jar carries the published schema, beside its bundled templates. */
    static final String RESOURCE = "/io/flowmesh/conformance/bundled/schema/workflow.schema.json";

    @Override
    int run(PrintWriter out) throws AuditInputException {
        try (InputStream in = SchemaCommand.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new AuditInputException("this build of the kit carries no schema (" + RESOURCE + " is missing)");
            }
            out.print(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            out.flush();
            return ExitCodes.OK;
        } catch (IOException e) {
            throw new AuditInputException("cannot read the kit's schema: " + e.getMessage());
        }
    }
}
