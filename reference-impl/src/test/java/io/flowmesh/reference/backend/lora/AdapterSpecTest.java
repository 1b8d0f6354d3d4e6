package io.flowmesh.reference.backend.lora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class AdapterSpecTest {

    private static final String AT = "/spec/model/adapters/0";

    @Test
    void urlEntriesKeepFormatAndHeaders() throws Exception {
        AdapterSpec spec = AdapterSpec.fromEntry(Map.of("type", "lora", "id", "sql", "url", "https://h/x",
                "archive_format", "zip", "headers", Map.of("Authorization", "Bearer t")), AT);

        assertThat(spec.name()).as("name from id").isEqualTo("sql");
        assertThat(spec.source()).as("source")
                .isEqualTo(new AdapterSource.Url("https://h/x", "zip", Map.of("Authorization", "Bearer t")));
    }

    @Test
    void exactlyOneSourceIsRequired() {
        assertThatThrownBy(() -> AdapterSpec.fromEntry(Map.of("type", "lora", "name", "x"), AT))
                .isInstanceOf(AdapterResolutionException.class)
                .hasMessage(AT + ": an adapter needs exactly one of path, url, task_id; none is set");
        assertThatThrownBy(() -> AdapterSpec.fromEntry(Map.of("path", "/a", "task_id", "train"), AT))
                .isInstanceOf(AdapterResolutionException.class).hasMessageEndingWith("got path and task_id");
    }

    @Test
    void unknownFieldsAndWrongTypesAreNamedByPointer() {
        assertThatThrownBy(() -> AdapterSpec.fromEntry(Map.of("path", "/a", "kwargs", Map.of()), AT))
                .isInstanceOf(AdapterResolutionException.class).hasMessageStartingWith(AT + "/kwargs: unknown adapter field");
        assertThatThrownBy(() -> AdapterSpec.fromEntry(Map.of("url", "http://h/a.zip", "headers", "x"), AT))
                .isInstanceOf(AdapterResolutionException.class).hasMessageStartingWith(AT + "/headers: must be a map");
        assertThatThrownBy(() -> AdapterSpec.fromEntry(Map.of("type", "ia3", "path", "/a"), AT))
                .isInstanceOf(AdapterResolutionException.class).hasMessageStartingWith(AT + "/type: must be 'lora'");
        assertThatThrownBy(() -> AdapterSpec.fromEntry(Map.of("task_id", 3), AT))
                .isInstanceOf(AdapterResolutionException.class).hasMessageStartingWith(AT + "/task_id: must be a non-empty string");
    }
}
