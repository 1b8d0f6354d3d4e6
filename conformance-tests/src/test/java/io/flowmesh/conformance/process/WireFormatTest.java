package io.flowmesh.conformance.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowmesh.conformance.probe.TraceJson;
import io.flowmesh.conformance.spi.Capabilities;
import io.flowmesh.conformance.spi.Diagnostic;
import io.flowmesh.conformance.spi.Effect;
import io.flowmesh.conformance.spi.EffectTrace;
import io.flowmesh.conformance.spi.ParseResult;
import io.flowmesh.conformance.spi.RunResult;
import org.junit.jupiter.api.Test;

class WireFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Diagnostic WARNING = new Diagnostic("t.yaml", "/spec/resources/replicas", 9, 5,
            "legacy.no-effect", "replicas has no runtime effect");

    private static JsonNode overTheWire(Object value) throws Exception {
        return JSON.readTree(JSON.writeValueAsString(value));
    }

    @Test
    void aCompletedRunSurvivesTheWireByteForByte() throws Exception {
        EffectTrace trace = new EffectTrace(List.of(new Effect("vllm.engine", "task/revision", "v1.0"),
                new Effect("ppo.train", "task/kl", List.of(0.0, 0.25)),
                new Effect("scheduler", "task/request", Map.of("gpu_count", 1L))));
        RunResult back = WireFormat.runResult(overTheWire(WireFormat.runResult(new RunResult.Completed(trace, List.of(WARNING)))));
        assertThat(back).isInstanceOfSatisfying(RunResult.Completed.class, completed -> {
            assertThat(TraceJson.write(completed.trace())).isEqualTo(TraceJson.write(trace));
            assertThat(completed.warnings()).containsExactly(WARNING);
        });
    }

    @Test
    void aRejectedRunAndAParseResultKeepTheirDiagnostics() throws Exception {
        RunResult rejected = new RunResult.Rejected(List.of(WARNING), List.of());
        assertThat(WireFormat.runResult(overTheWire(WireFormat.runResult(rejected)))).isEqualTo(rejected);
        ParseResult parsed = new ParseResult(List.of(), List.of(WARNING));
        assertThat(WireFormat.parseResult(overTheWire(WireFormat.parseResult(parsed)))).isEqualTo(parsed);
    }

    @Test
    void capabilitiesSurviveTheWire() throws Exception {
        Capabilities capabilities = new Capabilities(Set.of("inference", "ppo"), Set.of("cpu"));
        assertThat(WireFormat.capabilities(overTheWire(WireFormat.capabilities(capabilities)))).isEqualTo(capabilities);
    }

    @Test
    void theWitnessedBoundariesSurviveTheWire() throws Exception {
        Capabilities capabilities = new Capabilities(Set.of("inference"), Set.of("cpu"), false, Set.of(Capabilities.HUB));

        assertThat(WireFormat.capabilities(overTheWire(WireFormat.capabilities(capabilities))).witnessed())
                .containsExactly("hub");
    }

    @Test
    void capabilitiesWithoutWitnessedDeclareNone() throws Exception {
        // What a process written before witnesses sends: it is judged on its traces alone.
        Capabilities old = WireFormat.capabilities(JSON.readTree("{\"taskTypes\": [\"echo\"], \"backends\": [\"cpu\"]}"));

        assertThat(old.witnessed()).isEmpty();
    }

    @Test
    void aRunResultWithoutAKnownStatusBreaksTheProtocol() throws Exception {
        assertThatThrownBy(() -> WireFormat.runResult(JSON.readTree("{\"status\":\"done\"}")))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("a run result needs status 'completed' or 'rejected', got 'done'");
    }

    @Test
    void commandLinesSplitOnWhiteSpace() {
        assertThat(ProcessImplementation.commandLine("  python3  -m server\t--fast ")).containsExactly("python3", "-m", "server", "--fast");
    }
}
