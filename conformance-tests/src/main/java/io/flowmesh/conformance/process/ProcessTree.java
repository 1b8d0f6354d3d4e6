package io.flowmesh.conformance.process;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starts an implementation process so that everything it starts can be found again, and kills all of
 * it. On Linux the process starts in a session of its own ({@code setsid}), so a grandchild whose
 * parent already exited is still found, by its session id in {@code /proc}; elsewhere the live
 * descendants are what can be found.
 */
final class ProcessTree {

    private static final Optional<Path> SETSID = findSetsid();

    private final Process process;
    private final boolean ownSession;

    private ProcessTree(Process process, boolean ownSession) {
        this.process = process;
        this.ownSession = ownSession;
    }

    /**
     * Starts the command.
     *
     * @throws IOException when the program is missing or cannot be started
     */
    static ProcessTree start(List<String> command) throws IOException {
        requireExecutable(command.get(0));
        List<String> line = new ArrayList<>();
        SETSID.ifPresent(setsid -> line.add(setsid.toString()));
        line.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(line);
        return new ProcessTree(builder.start(), SETSID.isPresent());
    }

    Process process() {
        return process;
    }

    /** Kills the process and everything it started, at once, and waits briefly for them to be gone. */
    void kill() {
        List<ProcessHandle> all = new ArrayList<>();
        process.descendants().forEach(all::add);
        if (ownSession) {
            all.addAll(inSession(process.pid()));
        }
        all.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (all.stream().anyMatch(h -> running(h.pid())) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // A process that outlives SIGKILL for seconds is in the kernel's hands; nothing more to do.
    }

    /**
     * Whether the process runs: it exists and, where {@code /proc} tells, is no zombie (a killed
     * orphan stays one until whatever adopted it reaps it; it runs nothing).
     */
    static boolean running(long pid) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return handle.get().isAlive();
        }
    }

    /** Whether the process or anything it started is still running. */
    boolean anyAlive() {
        return process.isAlive() || process.descendants().anyMatch(h -> running(h.pid()))
                || (ownSession && inSession(process.pid()).stream().anyMatch(h -> running(h.pid())));
    }

    /** The processes of the session whose leader had this pid (Linux {@code /proc}; empty elsewhere). */
    private static List<ProcessHandle> inSession(long sessionId) {
        List<ProcessHandle> found = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(handle -> {
            if (handle.pid() != sessionId && sessionOf(handle.pid()) == sessionId) {
                found.add(handle);
            }
        });
        return found;
    }

    private static long sessionOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            // pid (comm) state ppid pgrp session ...; comm may hold spaces and parentheses, so count from the last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[3]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static void requireExecutable(String program) throws IOException {
        if (program.contains("/") || program.contains(File.separator)) {
            Path path = Path.of(program);
            if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
                throw new IOException(program + ": no such executable file");
            }
            return;
        }
        String pathVariable = System.getenv("PATH");
        for (String dir : (pathVariable == null ? "" : pathVariable).split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program)) && !Files.isDirectory(Path.of(dir, program))) {
                return;
            }
        }
        throw new IOException(program + ": not found on the PATH");
    }

    private static Optional<Path> findSetsid() {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")
                || !Files.isDirectory(Path.of("/proc/self"))) {
            return Optional.empty();
        }
        for (String candidate : List.of("/usr/bin/setsid", "/bin/setsid")) {
            Path path = Path.of(candidate);
            if (Files.isExecutable(path)) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }
}
