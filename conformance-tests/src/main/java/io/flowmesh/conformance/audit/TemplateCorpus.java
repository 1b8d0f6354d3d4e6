package io.flowmesh.conformance.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.flowmesh.conformance.classification.InputFiles;
import org.apiguardian.api.API;

/**
 * Finds and reads template files: a file as given, a folder as every {@code *.yaml} and {@code *.yml}
 * file below it, at any depth, in the order of their paths below the folder (so the same folder
 * always gives the same corpus). A file that cannot be read, decoded, or is not a regular file is
 * still part of the corpus, with the reason; so is a folder below that cannot be listed. Only a path
 * that does not exist, and a run that finds no template at all, are errors.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class TemplateCorpus {

    /** The largest template file read; larger ones are reported, not read (no parser takes them). */
    public static final int MAX_TEMPLATE_BYTES = 8 << 20;

    private TemplateCorpus() {
    }

    /**
     * One template file found.
     *
     * @param path where it is
     * @param name how reports name it: the file's name when it was given, its path below the folder it was found in otherwise
     * @param problem why it cannot be read at all (a folder that cannot be listed, a special file), or null
     */
    public record TemplateFile(Path path, String name, String problem) {

        /** A file found that can be opened. */
        public TemplateFile(Path path, String name) {
            this(path, name, null);
        }

        /** Why this entry cannot be read, or empty. */
        public Optional<String> unreadable() {
            return Optional.ofNullable(problem);
        }
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
                templates.add(new Template(file.name(), read(file)));
            } catch (AuditInputException e) {
                templates.add(Template.unreadable(file.name(), e.getMessage()));
            }
        }
        return templates;
    }

    /**
     * The template files named: files as they are, folders searched at every depth, in the order given.
     *
     * @throws AuditInputException when a path does not exist, or when no template is found at all
     */
    public static List<TemplateFile> expand(List<Path> paths) throws AuditInputException {
        List<TemplateFile> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                files.addAll(filesBelow(path));
            } else if (Files.exists(path)) {
                files.add(new TemplateFile(path, path.getFileName().toString(),
                        Files.isRegularFile(path) ? null : path + ": not a regular file"));
            } else {
                throw new AuditInputException(path + ": no such file or folder");
            }
        }
        if (files.isEmpty()) {
            throw new AuditInputException(noTemplates(paths));
        }
        return files;
    }

    private static String noTemplates(List<Path> paths) {
        List<String> named = new ArrayList<>();
        for (Path path : paths) {
            String name = path.getFileName() != null ? path.getFileName().toString().toLowerCase(Locale.ROOT) : "";
            named.add(path + (isYamlName(name) ? " (a folder, though its name ends like a template's)" : ""));
        }
        return "no templates found in " + String.join(", ", named) + ": no *.yaml or *.yml file is below "
                + (paths.size() == 1 ? "it" : "them");
    }

    /** Reads one template as UTF-8. */
    public static String read(Path file) throws AuditInputException {
        return read(new TemplateFile(file, String.valueOf(file.getFileName())));
    }

    /** Reads one template file found as UTF-8, or says why it cannot be read. */
    public static String read(TemplateFile file) throws AuditInputException {
        if (file.problem() != null) {
            throw new AuditInputException(file.problem());
        }
        Path path = file.path();
        if (!Files.isRegularFile(path)) {
            // A fifo or device would block or never end; it is no template.
            throw new AuditInputException(path + ": not a regular file");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            bytes = in.readNBytes(MAX_TEMPLATE_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new AuditInputException(path + ": not found (it was removed while the run was going on)");
        } catch (AccessDeniedException e) {
            throw new AuditInputException(path + ": cannot read: permission denied");
        } catch (IOException e) {
            throw new AuditInputException(path + ": cannot read: " + e.getMessage());
        }
        if (bytes.length > MAX_TEMPLATE_BYTES) {
            throw new AuditInputException(path + ": larger than " + MAX_TEMPLATE_BYTES + " bytes, the most a template"
                    + " file may hold");
        }
        return decode(bytes, path.toString());
    }

    /**
     * Decodes UTF-8 strictly; a file that is not says where the first bad byte is.
     *
     * @param source the file, for the message
     * @throws AuditInputException naming the line and column of the first byte that is not UTF-8
     */
    public static String decode(byte[] bytes, String source) throws AuditInputException {
        try {
            return InputFiles.decode(bytes, source);
        } catch (InputFiles.UnreadableException e) {
            throw new AuditInputException(e.getMessage());
        }
    }

    private static List<TemplateFile> filesBelow(Path folder) throws AuditInputException {
        List<TemplateFile> found = new ArrayList<>();
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (isYamlName(file.getFileName().toString().toLowerCase(Locale.ROOT))) {
                        boolean regular = attributes.isRegularFile() || (attributes.isSymbolicLink() && Files.isRegularFile(file));
                        found.add(new TemplateFile(file, name(folder, file), regular ? null
                                : file + ": not a regular file" + (attributes.isSymbolicLink() ? " (a link to nothing readable)" : "")));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    // A folder that cannot be listed is reported in its place; the walk goes on.
                    String why = e instanceof AccessDeniedException ? "permission denied" : String.valueOf(e.getMessage());
                    found.add(new TemplateFile(file, name(folder, file), file + ": cannot read: " + why));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new AuditInputException(folder + ": cannot list: " + e.getMessage());
        }
        found.sort(Comparator.comparing(TemplateFile::name));
        return found;
    }

    private static String name(Path folder, Path file) {
        return folder.relativize(file).toString().replace('\\', '/');
    }

    private static boolean isYamlName(String lowerCaseName) {
        return lowerCaseName.endsWith(".yaml") || lowerCaseName.endsWith(".yml");
    }
}
