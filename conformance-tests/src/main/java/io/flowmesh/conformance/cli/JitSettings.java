package io.flowmesh.conformance.cli;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;

/**
 * How this JVM compiles and collects: the settings a second JVM needs to run the same code as fast as this
 * one does, the JIT mode in words, and the time its compilers have spent so far.
 *
 * <p>The bench compares an audit with plain parses timed in a JVM of their own; a parse compiled by C2 runs
 * two to three times faster than one compiled by C1 alone, so both JVMs must compile alike for the ratio to
 * mean anything, as a JMH fork runs with its host's JVM options.
 */
final class JitSettings {

    /** The HotSpot options that pick the compilers and the collector. */
    private static final List<String> OPTIONS = List.of("TieredCompilation", "TieredStopAtLevel", "CICompilerCount",
            "UseSerialGC", "UseParallelGC", "UseG1GC", "UseZGC", "UseShenandoahGC");

    private JitSettings() {
    }

    /**
     * The compiler and collector options set on this JVM's command line (or in {@code JAVA_TOOL_OPTIONS}),
     * as {@code -XX:} arguments for another JVM; none of the platform's defaults, which that JVM picks alike.
     */
    static List<String> commandLineOptions() {
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        List<String> arguments = new ArrayList<>();
        if (hotspot == null) {
            return arguments;
        }
        for (String name : OPTIONS) {
            VMOption option;
            try {
                option = hotspot.getVMOption(name);
            } catch (IllegalArgumentException e) {
                continue; // a collector this JVM was built without
            }
            if (option.getOrigin() == VMOption.Origin.DEFAULT || option.getOrigin() == VMOption.Origin.ERGONOMIC) {
                continue;
            }
            String value = option.getValue();
            arguments.add(value.equals("true") || value.equals("false")
                    ? "-XX:" + (value.equals("true") ? "+" : "-") + name
                    : "-XX:" + name + "=" + value);
        }
        return arguments;
    }

    /** The JIT mode in words: "C1 and C2", "C1 only", "C2 only", "the interpreter only" or "unknown (not HotSpot)". */
    static String mode() {
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        if (hotspot == null) {
            return "unknown (not HotSpot)";
        }
        if (!Boolean.parseBoolean(hotspot.getVMOption("TieredCompilation").getValue())) {
            return "C2 only";
        }
        int stopAt = Integer.parseInt(hotspot.getVMOption("TieredStopAtLevel").getValue());
        return stopAt >= 4 ? "C1 and C2" : stopAt >= 1 ? "C1 only" : "the interpreter only";
    }

    /**
     * The compiler threads' time so far, in seconds, summed over the threads; NaN where the JVM does not
     * measure it.
     */
    static double compilingSeconds() {
        CompilationMXBean compilation = ManagementFactory.getCompilationMXBean();
        if (compilation == null || !compilation.isCompilationTimeMonitoringSupported()) {
            return Double.NaN;
        }
        return compilation.getTotalCompilationTime() / 1e3;
    }
}
