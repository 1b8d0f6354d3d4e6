package io.flowmesh.reference.container;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Testcontainers' JUnit integration is built against JUnit 5; this proves its extension loads and
 * evaluates under the JUnit 6 platform this build runs (a version mismatch fails here with a
 * NoClassDefFoundError, not later in a container adapter). Without Docker the extension disables the
 * test, with the reason in the report; with Docker the test checks the daemon answers.
 */
@Testcontainers(disabledWithoutDocker = true)
class TestcontainersSmokeTest {

    @Test
    void theExtensionEnablesTheTestOnlyWhenDockerAnswers() {
        assertThat(DockerClientFactory.instance().isDockerAvailable())
                .as("the extension ran this test, so Docker must be reachable").isTrue();
    }
}
