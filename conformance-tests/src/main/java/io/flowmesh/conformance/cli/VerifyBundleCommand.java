package io.flowmesh.conformance.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import io.flowmesh.conformance.audit.AuditInputException;
import io.flowmesh.conformance.report.ResultsBundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code verify-bundle}: rechecks a results bundle's hashes and recomputes its summary. */
@Command(name = "verify-bundle", mixinStandardHelpOptions = true,
        description = {"Checks a results bundle (audit --bundle): every file's SHA-256 against SHA256SUMS and the",
                "manifest, no file missing or added, and the summary recomputed from report.json against the",
                "manifest's. Exit 0 when it verifies, 1 when it does not, 2 when the file is no bundle."})
final class VerifyBundleCommand extends InputCheckedCommand {

    @Parameters(paramLabel = "FILE.zip", description = "the bundle")
    private Path bundle;

    @Override
    int run(PrintWriter out) throws AuditInputException {
        if (!Files.isRegularFile(bundle)) {
            throw new AuditInputException(bundle + ": no such bundle file");
        }
        ResultsBundle.Verification verification;
        try {
            verification = ResultsBundle.verify(bundle);
        } catch (IOException e) {
            throw new AuditInputException(bundle + ": not a readable results bundle: " + e.getMessage());
        }
        if (verification.verified()) {
            out.println(bundle + ": verified: every SHA-256 matches, and the summary recomputed from "
                    + ResultsBundle.JSON_REPORT + " agrees (" + verification.summary() + ")");
            out.flush();
            return ExitCodes.OK;
        }
        out.println(bundle + ": NOT VERIFIED, " + verification.problems().size() + " problem(s):");
        verification.problems().forEach(problem -> out.println("  " + problem));
        out.flush();
        return ExitCodes.FAILED;
    }
}
