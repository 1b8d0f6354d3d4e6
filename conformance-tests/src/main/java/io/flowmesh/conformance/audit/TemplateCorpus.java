package io.flowmesh.conformance.audit;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apiguardian.api.API;

/** Finds and reads template files: a file as given, a folder as its {@code *.yaml} and {@code *.yml} files. */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class TemplateCorpus {

    private TemplateCorpus() {
    }

    /** The templates of one folder, sorted by file name; a folder without templates is an error. */
    public static List<Template> load(Path folder) throws AuditInputException {
        if (!Files.isDirectory(folder)) {
            throw new AuditInputException(folder + ": no such folder of templates");
        }
        List<Template> templates = new ArrayList<>();
        for (Path file : filesIn(folder)) {
            templates.add(new Template(file.getFileName().toString(), read(file)));
        }
        if (templates.isEmpty()) {
            throw new AuditInputException(folder + ": holds no *.yaml or *.yml template");
        }
        return templates;
    }

    /** The template files named: files as they are, folders expanded, in the order given. */
    public static List<Path> expand(List<Path> paths) throws AuditInputException {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                files.addAll(filesIn(path));
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new AuditInputException(path + ": no such file or folder");
            }
        }
        return files;
    }

    /** Reads one template as UTF-8. */
    public static String read(Path file) throws AuditInputException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new AuditInputException(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new AuditInputException(file + ": cannot read: " + e.getMessage());
        }
    }

    private static List<Path> filesIn(Path folder) throws AuditInputException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new AuditInputException(folder + ": cannot list: " + e.getMessage());
        }
    }
}
