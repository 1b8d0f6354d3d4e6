package io.flowmesh.reference.execute;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flowmesh.reference.backend.api.ApiRequest;
import io.flowmesh.reference.backend.api.ApiResponse;
import io.flowmesh.reference.parse.TemplateProblem;

/**
 * The API executor: hands the {@code api} section over ({@code api.request}), sends the request to
 * the run's endpoint ({@link io.flowmesh.reference.backend.api.StandInApiServer} on CPU) and reads
 * the answer as upstream's {@code APIExecutor._parse_response} does ({@code api.response}):
 * {@code response.parse_json} (default true) requires a JSON object with {@code usage} and takes
 * {@code choices[0].message.content} as the text; otherwise {@code return_body} (default true) keeps
 * the body as the text; {@code raise_for_status} (default true) fails the task on an error status.
 * Without {@code url}, the request goes to upstream's default, the worker's
 * {@code ${NEBULA_API_BASE_URL}/v1/chat/completions}. It publishes upstream's {@code APIResult} fields: {@code text}, {@code status_code}, {@code url},
 * {@code method}, and {@code json} when parsed.
 */
final class ApiExecutor extends HandoffExecutor {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEFAULT_URL = "${NEBULA_API_BASE_URL}/v1/chat/completions";

    ApiExecutor() {
        super("api", ExecutorCatalog.sections("api", "api.request"), Map.of("api", ExecutorCatalog.API));
    }

    @Override
    public void execute(TaskContext context) throws TemplateProblem {
        super.execute(context);
        Map<String, Object> api = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : context.section("api").entrySet()) {
            api.put(entry.getKey(), context.resolved(entry.getValue(), "api/" + entry.getKey()));
        }
        if (api.get("url") == null) {
            // Upstream defaults to the worker's NEBULA_API_BASE_URL chat completions endpoint; the
            // environment variable stays a placeholder, as secrets do.
            api.put("url", DEFAULT_URL);
        }
        context.effect("api.response", "url", api.get("url"));
        String method = String.valueOf(api.getOrDefault("method", "POST")).toUpperCase(java.util.Locale.ROOT);
        Map<String, String> headers = new LinkedHashMap<>();
        if (api.get("headers") instanceof Map<?, ?> given) {
            given.forEach((k, v) -> headers.put(String.valueOf(k), String.valueOf(v)));
        }
        ApiResponse response = context.backends().api()
                .send(new ApiRequest(method, String.valueOf(api.get("url")), headers, api.get("body")));
        Map<?, ?> options = api.get("response") instanceof Map<?, ?> map ? map : Map.of();
        boolean parseJson = truthy(options, "parse_json");
        boolean returnBody = truthy(options, "return_body");
        context.effect("api.response", "status_code", (long) response.status());
        if (truthy(options, "raise_for_status") && response.isError()) {
            throw new TemplateProblem(context.pointer("api/url"), "execute.api",
                    "API request returned status " + response.status());
        }
        Object text = null;
        if (parseJson) {
            Map<?, ?> json = json(response.body(), context);
            if (!(json.get("usage") instanceof Map<?, ?>)) {
                throw new TemplateProblem(context.pointer("api/response/parse_json"), "execute.api",
                        "spec.api.response.parse_json is true but the response JSON has no usage");
            }
            text = content(json, context);
            context.publish("json", json);
        } else if (returnBody) {
            text = response.body();
        }
        context.effect("api.response", "text", text);
        if (text != null) {
            context.publish("text", text);
        }
        context.publish("status_code", (long) response.status());
        context.publish("url", api.get("url"));
        context.publish("method", method);
    }

    private static boolean truthy(Map<?, ?> options, String key) {
        Object value = options.containsKey(key) ? options.get(key) : Boolean.TRUE;
        return !(value == null || Boolean.FALSE.equals(value) || value instanceof Number n && n.doubleValue() == 0
                || "".equals(value));
    }

    private static Map<?, ?> json(String body, TaskContext context) throws TemplateProblem {
        try {
            Object parsed = JSON.readValue(body, Object.class);
            if (parsed instanceof Map<?, ?> map) {
                return map;
            }
        } catch (JsonProcessingException e) {
            // falls through to the same refusal upstream gives for a body that is no JSON mapping
        }
        throw new TemplateProblem(context.pointer("api/response/parse_json"), "execute.api",
                "Response is not a valid JSON mapping");
    }

    private static Object content(Map<?, ?> json, TaskContext context) throws TemplateProblem {
        if (json.get("choices") instanceof List<?> choices && !choices.isEmpty()
                && choices.get(0) instanceof Map<?, ?> choice && choice.get("message") instanceof Map<?, ?> message
                && message.containsKey("content")) {
            return message.get("content");
        }
        throw new TemplateProblem(context.pointer("api/response/parse_json"), "execute.api",
                "spec.api.response.parse_json is true but the response JSON has no choices[0].message.content");
    }
}
