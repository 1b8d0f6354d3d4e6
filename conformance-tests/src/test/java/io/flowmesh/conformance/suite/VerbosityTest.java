package io.flowmesh.conformance.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Implementations' INFO logging is held back while the kit runs them, and let through when asked for. */
class VerbosityTest {

    private final Logger implementation = Logger.getLogger("io.flowmesh.example.ppo");
    private final List<String> published = new ArrayList<>();
    private final Handler recorder = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (isLoggable(record)) {
                published.add(record.getLevel() + " " + record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level rootLevel;

    @BeforeEach
    void record() {
        rootLevel = Logger.getLogger("").getLevel();
        Logger.getLogger("").setLevel(Level.INFO);
        implementation.addHandler(recorder);
    }

    @AfterEach
    void restore() {
        implementation.removeHandler(recorder);
        Logger.getLogger("").setLevel(rootLevel);
    }

    @Test
    void infoLinesAreHeldBackAndWarningsStillShow() {
        try (Verbosity quiet = Verbosity.quietUnless(false)) {
            implementation.info("PPO early stop after update 1");
            System.getLogger("io.flowmesh.example.ppo").log(System.Logger.Level.INFO, "agent outcome: completed");
            implementation.warning("the adapter is missing");
        }

        assertThat(published).containsExactly("WARNING the adapter is missing");
    }

    @Test
    void theLevelIsRestoredAfterwards() {
        try (Verbosity quiet = Verbosity.quietUnless(false)) {
            assertThat(Logger.getLogger("").getLevel()).isEqualTo(Level.WARNING);
        }

        assertThat(Logger.getLogger("").getLevel()).isEqualTo(Level.INFO);
    }

    @Test
    void verboseLetsInfoThrough() {
        try (Verbosity verbose = Verbosity.quietUnless(true)) {
            implementation.info("PPO early stop after update 1");
        }

        assertThat(published).containsExactly("INFO PPO early stop after update 1");
    }
}
