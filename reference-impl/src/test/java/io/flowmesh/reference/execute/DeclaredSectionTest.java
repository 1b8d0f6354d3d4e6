package io.flowmesh.reference.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DeclaredSectionTest {

    private static DeclaredSection inference() {
        Map<String, Object> written = new LinkedHashMap<>();
        written.put("max_tokens", 8);
        written.put("do_sample", true);
        written.put("temperature", 0.5);
        return new DeclaredSection("inference", "vllm", List.of("temperature", "max_tokens", "seed"), written);
    }

    @Test
    void onlyDeclaredKeysAreVisibleInTemplateOrder() {
        assertThat(inference()).containsExactly(Map.entry("max_tokens", 8), Map.entry("temperature", 0.5));
    }

    @Test
    void aDeclaredKeyTheTemplateLacksReadsAsAbsent() {
        assertThat(inference().get("seed")).isNull();
        assertThat(inference().containsKey("seed")).isFalse();
    }

    @Test
    void readingAnUndeclaredKeyIsAProgrammingError() {
        assertThatThrownBy(() -> inference().get("do_sample")).isInstanceOf(IllegalStateException.class)
                .hasMessage("the vllm executor reads inference.do_sample without declaring it");
        assertThatThrownBy(() -> inference().requireDeclared(List.of("seed", "n")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("inference.n");
    }
}
