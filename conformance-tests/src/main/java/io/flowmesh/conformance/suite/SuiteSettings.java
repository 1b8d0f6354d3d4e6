package io.flowmesh.conformance.suite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.flowmesh.conformance.audit.AuditInputException;
import io.flowmesh.conformance.audit.CheckPlan;
import io.flowmesh.conformance.audit.Deviations;
import io.flowmesh.conformance.audit.Selection;
import io.flowmesh.conformance.audit.GeneratedModelStore;
import io.flowmesh.conformance.audit.ModelDemand;
import io.flowmesh.conformance.audit.Template;
import io.flowmesh.conformance.classification.Classification;
import io.flowmesh.conformance.audit.ImplementationSelector;
import io.flowmesh.conformance.audit.RowScope;
import io.flowmesh.conformance.process.ProcessImplementation;
import io.flowmesh.conformance.spi.RunOptions;
import io.flowmesh.conformance.spi.WorkflowImplementation;
import org.apiguardian.api.API;

/**
 * Where the suites find their inputs. Each is a system property; unset, it defaults to the kit's
 * bundled copy ({@link BundledInputs}: the templates, classification and fixtures its jar carries), or
 * to the same path below {@value #ROOT} when that names a clone of the kit's repository:
 * <ul>
 *   <li>{@value #TEMPLATES}: the templates folder, default {@code templates};</li>
 *   <li>{@value #CLASSIFICATION}: default {@code expected/classification.yaml};</li>
 *   <li>{@value #MODEL_STORE}: for an audit, default a store generated for the audited templates; for
 *       {@link #runOptions()}, default {@code fixtures/model-store};</li>
 *   <li>{@value #URL_MIRROR}: default {@code fixtures/url-mirror};</li>
 *   <li>{@value #DEVIATIONS}: the implementation's known deviations file, none by default;</li>
 *   <li>{@value #JOBS}: how many templates are audited at once, default the number of cores;</li>
 *   <li>{@value #ROWS}: which classification rows are judged, {@code all} (default) or {@code used};</li>
 *   <li>{@value #ONLY}: run only the checks with these IDs or globs (as {@code audit --only}), separated by
 *       commas or spaces;</li>
 *   <li>{@value #ONLY_FAILED}: run only the checks that failed in this earlier JSON report (as {@code audit
 *       --only-failed});</li>
 *   <li>{@value #BACKEND}: the backend family to run on ({@code cpu}, {@code gpu}), which the
 *       implementation must declare; by default its own choice;</li>
 *   <li>{@value ImplementationSelector#PROPERTY}: which implementation, when several are present;</li>
 *   <li>{@value ProcessImplementation#PROPERTY}: the command line of an implementation process to test instead.</li>
 * </ul>
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SuiteSettings {

    /** The repository root. */
    public static final String ROOT = "flowmesh.repository.root";
    /** The templates folder. */
    public static final String TEMPLATES = "conformance.templates";
    /** The classification file. */
    public static final String CLASSIFICATION = "conformance.classification";
    /** The model store handed to the implementation. */
    public static final String MODEL_STORE = "conformance.modelStore";
    /** The implementation's known deviations, held as strict expected failures (no default). */
    public static final String DEVIATIONS = "conformance.deviations";
    /** The offline URL mirror handed to the implementation. */
    public static final String URL_MIRROR = "conformance.urlMirror";

    private SuiteSettings() {
    }

    /**
     * The repository root: {@value #ROOT}, else the first folder above the working directory that holds
     * {@code templates/}, else the working directory. The suites' defaults do not search for it: they
     * use {@value #ROOT} only when it is set, and the kit's bundled inputs otherwise.
     */
    public static Path root() {
        String configured = System.getProperty(ROOT);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("templates"))) {
                return d;
            }
        }
        return dir;
    }

    /** The templates folder. */
    public static Path templates() {
        return path(TEMPLATES, "templates");
    }

    /** The classification file. */
    public static Path classification() {
        return path(CLASSIFICATION, "expected/classification.yaml");
    }

    /**
     * The run options of an audit of these templates: the configured {@value #MODEL_STORE}, else a store
     * generated for the templates ({@link ModelDemand}), deleted when the JVM exits; and the offline
     * URL mirror.
     */
    public static RunOptions runOptions(List<Template> templates, Classification classification)
            throws AuditInputException {
        String configured = System.getProperty(MODEL_STORE);
        if (configured != null && !configured.isBlank()) {
            return runOptions();
        }
        GeneratedModelStore store = GeneratedModelStore.write(ModelDemand.of(templates, classification));
        return RunOptions.defaults()
                .with(RunOptions.MODEL_STORE, store.root().toString())
                .with(RunOptions.URL_MIRROR, path(URL_MIRROR, "fixtures/url-mirror").toString());
    }

    /** The run options: the model store ({@value #MODEL_STORE}, default the fixture store) and the offline URL mirror. */
    public static RunOptions runOptions() {
        return RunOptions.defaults()
                .with(RunOptions.MODEL_STORE, path(MODEL_STORE, "fixtures/model-store").toString())
                .with(RunOptions.URL_MIRROR, path(URL_MIRROR, "fixtures/url-mirror").toString());
    }

    /** The implementation's known deviations, or none when {@value #DEVIATIONS} is not set. */
    static Deviations deviations() throws AuditInputException {
        String configured = System.getProperty(DEVIATIONS);
        return configured == null || configured.isBlank() ? Deviations.none() : Deviations.load(Path.of(configured));
    }

    /** How many templates the suite audits at once (default: the number of cores), for a concurrent implementation. */
    public static final String JOBS = "conformance.jobs";

    /** The jobs {@value #JOBS} names, else the number of cores. */
    static int jobs() throws AuditInputException {
        String configured = System.getProperty(JOBS);
        if (configured == null || configured.isBlank()) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int jobs = Integer.parseInt(configured.trim());
            if (jobs >= 1) {
                return jobs;
            }
        } catch (NumberFormatException e) {
            // Reported below with the allowed values.
        }
        throw new AuditInputException("-D" + JOBS + "=" + configured + ": expected a whole number of at least 1");
    }

    /** Which rows are judged: {@code all} (the default) or {@code used}, only those the templates use. */
    public static final String ROWS = "conformance.rows";

    /** The row scope {@value #ROWS} names. */
    static RowScope rows() throws AuditInputException {
        String configured = System.getProperty(ROWS, "all");
        switch (configured) {
            case "all":
                return RowScope.ALL;
            case "used":
                return RowScope.USED;
            default:
                throw new AuditInputException("-D" + ROWS + "=" + configured + ": expected all or used");
        }
    }

    /** The checks to run, by ID or glob, separated by commas or spaces (default: every check). */
    public static final String ONLY = "conformance.only";

    /** An earlier JSON report whose failed checks are the ones to run (default: every check). */
    public static final String ONLY_FAILED = "conformance.onlyFailed";

    /**
     * The checks {@value #ONLY} or {@value #ONLY_FAILED} select, resolved against the audit's plan; every
     * check when neither is set.
     */
    static Selection selection(List<Template> templates, Classification classification) throws AuditInputException {
        String only = System.getProperty(ONLY, "").strip();
        String onlyFailed = System.getProperty(ONLY_FAILED, "").strip();
        if (!only.isEmpty() && !onlyFailed.isEmpty()) {
            throw new AuditInputException("-D" + ONLY + " and -D" + ONLY_FAILED + " select in two ways; set one of them");
        }
        if (!only.isEmpty()) {
            return Selection.of(CheckPlan.of(templates, classification), List.of(only.split("[,\\s]+")),
                    "-D" + ONLY + "=" + only);
        }
        if (!onlyFailed.isEmpty()) {
            return Selection.failedIn(CheckPlan.of(templates, classification), Path.of(onlyFailed), id -> { });
        }
        return Selection.all();
    }

    /** The backend family the suites run on, which the implementation must declare (default: its own choice). */
    public static final String BACKEND = "conformance.backend";

    /** The run options for this implementation: {@code base} on the backend {@value #BACKEND} asks for, if any. */
    static RunOptions onBackend(WorkflowImplementation implementation, RunOptions base) throws AuditInputException {
        return ImplementationSelector.onBackend(implementation, base, Optional.ofNullable(System.getProperty(BACKEND)));
    }

    /** The implementation under test. */
    public static WorkflowImplementation implementation() throws AuditInputException {
        return ImplementationSelector.select(Optional.ofNullable(System.getProperty(ImplementationSelector.PROPERTY)),
                Optional.ofNullable(System.getProperty(ProcessImplementation.PROPERTY)), jobs());
    }

    private static Path path(String property, String underRoot) {
        String configured = System.getProperty(property);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return defaultRoot().resolve(underRoot);
    }

    /**
     * Where unset inputs are found: {@value #ROOT} when set (the kit's own build, the launcher), else the
     * kit's bundled copy. An implementer's own {@code templates/} folder is never picked up by accident.
     */
    public static Path defaultRoot() {
        String configured = System.getProperty(ROOT);
        return configured != null && !configured.isBlank() ? Path.of(configured) : BundledInputs.root();
    }
}
