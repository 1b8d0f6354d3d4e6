package io.flowmesh.conformance.audit;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.apiguardian.api.API;

/**
 * Finds and reads template files: a file as given, a folder as every {@code *.yaml} and {@code *.yml}
 * file below it, at any depth, in the order of their paths below the folder (so the same folder
 * always gives the same corpus). A file that cannot be read is still part of the corpus.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class TemplateCorpus {

    private TemplateCorpus() {
    }

    /**
     * One template file found.
     *
     * @param path where it is
     * @param name how reports name it: the file's name when it was given, its path below the folder it was found in otherwise
     */
    public record TemplateFile(Path path, String name) {
    }

    /** The templates below one folder; a missing folder or one without templates is an error. */
    public static List<Template> load(Path folder) throws AuditInputException {
        if (!Files.isDirectory(folder)) {
            throw new AuditInputException(folder + ": no such folder of templates");
        }
        return load(List.of(folder));
    }

    /**
     * The templates named: files as they are, folders searched at every depth, in the order given.
     * Each unreadable file becomes an {@link Template#unreadable} template; a path that does not exist,
     * or paths that hold no template, are errors.
     */
    public static List<Template> load(List<Path> paths) throws AuditInputException {
        List<Template> templates = new ArrayList<>();
        for (TemplateFile file : expand(paths)) {
            try {
                templates.add(new Template(file.name(), read(file.path())));
            } catch (AuditInputException e) {
                templates.add(Template.unreadable(file.name(), e.getMessage()));
            }
        }
        if (templates.isEmpty()) {
            throw new AuditInputException(String.join(", ", paths.stream().map(Path::toString).toList())
                    + ": holds no *.yaml or *.yml template");
        }
        return templates;
    }

    /** The template files named: files as they are, folders searched at every depth, in the order given. */
    public static List<TemplateFile> expand(List<Path> paths) throws AuditInputException {
        List<TemplateFile> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                for (Path file : filesBelow(path)) {
                    files.add(new TemplateFile(file, path.relativize(file).toString().replace('\\', '/')));
                }
            } else if (Files.exists(path)) {
                files.add(new TemplateFile(path, path.getFileName().toString()));
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
        } catch (CharacterCodingException e) {
            throw new AuditInputException(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new AuditInputException(file + ": cannot read: " + e.getMessage());
        }
    }

    private static List<Path> filesBelow(Path folder) throws AuditInputException {
        try (Stream<Path> entries = Files.walk(folder)) {
            return entries.filter(p -> !Files.isDirectory(p))
                    .filter(TemplateCorpus::isYaml)
                    .sorted(Comparator.comparing(p -> folder.relativize(p).toString()))
                    .toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new AuditInputException(folder + ": cannot list: " + e.getMessage());
        }
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }
}
