package io.flowmesh.conformance.witness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.flowmesh.conformance.store.HubCacheWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kit's hub answers as huggingface_hub expects, and records each run's requests under the run's own address. */
class WitnessServerTest {

    // printf '%s' 'org/model@main' | sha1sum, and the same for v1.0
    private static final String MAIN = "afbd96921ef994f4ea8ad59256259966b9c6d783";
    private static final String TAG = "8a35a228ae16c9b64b11e6c2d4d8bbfe7d8b29e8";
    // printf '{"a": 1}\n' | git hash-object --stdin
    private static final String CONFIG_BLOB = "cb5b2f69babc53f9145b45ad20b9a075d48717ef";

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path store;

    private WitnessServer server;

    @BeforeEach
    void start() {
        HubCacheWriter.at(store).snapshot("org/model", MAIN, Map.of("config.json", "{\"a\": 1}\n"))
                .ref("org/model", "main", MAIN)
                .snapshot("org/model", TAG, Map.of("config.json", "{\"a\": 2}\n", "sub/weights.txt", "w\n"))
                .ref("org/model", "v1.0", TAG);
        server = WitnessServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static HttpResponse<String> send(String method, String url) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Nested
    class TheHubAnswersAsHuggingFaceHubReadsIt {

        @Test
        void revisionInfoGivesTheCommitAndTheSnapshotsFiles() throws Exception {
            WitnessServer.Run run = server.open(store);

            HttpResponse<String> info = send("GET", run.hubEndpoint() + "/api/models/org/model/revision/v1.0");

            assertThat(info.statusCode()).isEqualTo(200);
            assertThat(info.body()).isEqualTo("{\"id\":\"org/model\",\"modelId\":\"org/model\",\"sha\":\"" + TAG
                    + "\",\"private\":false,\"disabled\":false,\"gated\":false,\"siblings\":[{\"rfilename\":\"config.json\"},"
                    + "{\"rfilename\":\"sub/weights.txt\"}]}");
        }

        @Test
        void aFileComesWithItsCommitQuotedEtagAndLength() throws Exception {
            WitnessServer.Run run = server.open(store);

            HttpResponse<String> file = send("GET", run.hubEndpoint() + "/org/model/resolve/main/config.json");

            assertThat(file.statusCode()).isEqualTo(200);
            assertThat(file.body()).isEqualTo("{\"a\": 1}\n");
            assertThat(file.headers().firstValue("X-Repo-Commit")).contains(MAIN);
            assertThat(file.headers().firstValue("ETag")).contains("\"" + CONFIG_BLOB + "\"");
            assertThat(file.headers().firstValue("Content-Length")).contains("9");
        }

        @Test
        void headGivesTheHeadersOfTheFileWithoutItsBody() throws Exception {
            WitnessServer.Run run = server.open(store);

            HttpResponse<String> head = send("HEAD", run.hubEndpoint() + "/org/model/resolve/main/config.json");

            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
            assertThat(head.headers().firstValue("X-Repo-Commit")).contains(MAIN);
            assertThat(head.headers().firstValue("Content-Length")).contains("9");
        }

        @Test
        void aPercentEncodedCommitIdAndNestedFileAreServed() throws Exception {
            WitnessServer.Run run = server.open(store);

            HttpResponse<String> file = send("GET", run.hubEndpoint() + "/org/model/resolve/" + TAG + "/sub%2Fweights.txt");

            assertThat(file.statusCode()).isEqualTo(200);
            assertThat(file.body()).isEqualTo("w\n");
        }

        @Test
        void refsListEveryRefWithItsCommit() throws Exception {
            WitnessServer.Run run = server.open(store);

            HttpResponse<String> refs = send("GET", run.hubEndpoint() + "/api/models/org/model/refs");

            assertThat(refs.body()).isEqualTo("{\"branches\":[{\"name\":\"main\",\"ref\":\"refs/heads/main\",\"targetCommit\":\""
                    + MAIN + "\"},{\"name\":\"v1.0\",\"ref\":\"refs/heads/v1.0\",\"targetCommit\":\"" + TAG
                    + "\"}],\"converts\":[],\"tags\":[]}");
        }
    }

    @Nested
    class WhatTheStoreLacksIsA404WithTheHubsErrorCode {

        @Test
        void anUnknownRepository() throws Exception {
            HttpResponse<String> answer = send("GET", server.open(store).hubEndpoint() + "/api/models/org/other/revision/main");

            assertThat(answer.statusCode()).isEqualTo(404);
            assertThat(answer.headers().firstValue("X-Error-Code")).contains("RepoNotFound");
            assertThat(answer.headers().firstValue("X-Error-Message")).contains("Repository not found");
        }

        @Test
        void anUnknownRevision() throws Exception {
            HttpResponse<String> answer = send("GET", server.open(store).hubEndpoint() + "/org/model/resolve/v9/config.json");

            assertThat(answer.statusCode()).isEqualTo(404);
            assertThat(answer.headers().firstValue("X-Error-Code")).contains("RevisionNotFound");
            assertThat(answer.headers().firstValue("X-Error-Message")).contains("Invalid rev id: v9");
        }

        @Test
        void anUnknownFileOfAKnownRevisionNamesTheCommit() throws Exception {
            HttpResponse<String> answer = send("GET", server.open(store).hubEndpoint() + "/org/model/resolve/main/model.bin");

            assertThat(answer.statusCode()).isEqualTo(404);
            assertThat(answer.headers().firstValue("X-Error-Code")).contains("EntryNotFound");
            assertThat(answer.headers().firstValue("X-Error-Message")).contains("model.bin does not exist on \"main\"");
            assertThat(answer.headers().firstValue("X-Repo-Commit")).contains(MAIN);
        }

        @Test
        void aPathOutOfTheSnapshotIsNoEntry() throws Exception {
            HttpResponse<String> answer = send("GET", server.open(store).hubEndpoint()
                    + "/org/model/resolve/main/..%2F..%2Frefs%2Fmain");

            assertThat(answer.statusCode()).isEqualTo(404);
            assertThat(answer.headers().firstValue("X-Error-Code")).contains("EntryNotFound");
        }
    }

    @Nested
    class TheUrlServerServesTheMirrorFolderAndRecordsHeaders {

        // printf 'zip bytes' | sha256sum
        private static final String ZIP_SHA256 = "5b7a2754b389130e138d57ba83f1eae7f05a41c66becacfa2dd2060143ae66db";

        @TempDir
        Path urls;

        @Test
        void aUrlIsItsFileAndItsHeadersAreRecordedWithoutTheTransports() throws Exception {
            java.nio.file.Files.createDirectories(urls.resolve("adapters.example/a"));
            java.nio.file.Files.writeString(urls.resolve("adapters.example/a/adapter.zip"), "zip bytes");
            WitnessServer.Run run = server.open(store, urls);

            HttpResponse<String> answer = CLIENT.send(HttpRequest.newBuilder(URI.create(run.urlEndpoint()
                    + "/adapters.example/a/adapter.zip?sig=1")).header("Authorization", "Bearer t").GET().build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("zip bytes");
            assertThat(run.finish().urls()).containsExactly(new UrlRequest("GET", "//adapters.example/a/adapter.zip?sig=1",
                    Map.of("authorization", "Bearer t"), 200, ZIP_SHA256));
        }

        @Test
        void aUrlTheFolderLacksIsA404AndStillWitnessed() throws Exception {
            WitnessServer.Run run = server.open(store, urls);

            assertThat(send("GET", run.urlEndpoint() + "/adapters.example/missing.zip").statusCode()).isEqualTo(404);
            assertThat(send("GET", run.urlEndpoint() + "/adapters.example/..%2F..%2Fescape").statusCode()).isEqualTo(404);
            assertThat(run.finish().describeUrl("//adapters.example/missing.zip"))
                    .isEqualTo("the URL server answered GET //adapters.example/missing.zip -> 404");
        }

        @Test
        void aRunWithoutAUrlFolderHasNoUrlServer() throws Exception {
            WitnessServer.Run run = server.open(store);

            assertThat(send("GET", run.urlEndpoint() + "/adapters.example/a/adapter.zip").statusCode()).isEqualTo(404);
            assertThat(run.finish().urls()).isEmpty();
        }
    }

    @Nested
    class TheAgentEndpointStreamsScriptsAndSeesWhenTheClientGivesUp {

        @TempDir
        Path dir;

        private WitnessServer.Run run() throws IOException {
            Path scripts = dir.resolve("scripts.json");
            java.nio.file.Files.writeString(scripts, "{\"scripts\": [{\"task\": \"quick\", \"events\": [{\"at_seconds\": 0.05}],"
                    + " \"finish_at_seconds\": 0.1, \"result\": \"done\"}, {\"task\": \"stalls\", \"events\":"
                    + " [{\"at_seconds\": 0.05}], \"finish_at_seconds\": 10, \"result\": \"late\"}]}");
            return server.open(store, null, scripts);
        }

        private HttpRequest chat(WitnessServer.Run run, String task) {
            return HttpRequest.newBuilder(URI.create(run.agentEndpoint() + "/chat/completions")).timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"stream\": true, \"messages\": [{\"role\": \"user\","
                            + " \"content\": \"" + task + "\"}]}")).build();
        }

        @Test
        void aScriptedRunIsStreamedToItsEnd() throws Exception {
            WitnessServer.Run run = run();

            HttpResponse<String> stream = CLIENT.send(chat(run, "quick"), HttpResponse.BodyHandlers.ofString());

            assertThat(stream.headers().firstValue("Content-Type")).contains("text/event-stream");
            assertThat(stream.body()).contains("\"content\":\"event 1\"").contains("\"content\":\"done\"")
                    .endsWith("data: [DONE]\n\n");
            assertThat(run.finish().asked("quick")).singleElement().satisfies(r -> {
                assertThat(r.readToTheEnd()).isTrue();
                assertThat(r.eventsDelivered()).isEqualTo(1);
            });
        }

        @Test
        void aClientThatGivesUpIsRecordedAsGoneWithTheEventsItGot() throws Exception {
            WitnessServer.Run run = run();
            HttpResponse<java.io.InputStream> stream = CLIENT.send(chat(run, "stalls"), HttpResponse.BodyHandlers.ofInputStream());
            java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(stream.body(),
                    java.nio.charset.StandardCharsets.UTF_8));
            for (String line = lines.readLine(); !line.contains("event 1"); line = lines.readLine()) {
                // Up to the first event, then the client gives up.
            }
            stream.body().close();

            assertThat(run.finish().asked("stalls")).singleElement().satisfies(r -> {
                assertThat(r.readToTheEnd()).isFalse();
                assertThat(r.eventsDelivered()).isEqualTo(1);
                assertThat(r.elapsedMillis()).isLessThan(10_000);
            });
        }

        @Test
        void aTaskNoScriptNamesIsA404() throws Exception {
            WitnessServer.Run run = run();

            assertThat(CLIENT.send(chat(run, "unscripted"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
            assertThat(run.finish().asked("unscripted")).singleElement().satisfies(r -> assertThat(r.scripted()).isFalse());
        }
    }

    @Nested
    class EveryRunIsWitnessedUnderItsOwnAddress {

        @Test
        void twoRunsSeeOnlyTheirOwnRequestsSorted() throws Exception {
            WitnessServer.Run first = server.open(store);
            WitnessServer.Run second = server.open(store);

            send("GET", first.hubEndpoint() + "/org/model/resolve/v1.0/config.json");
            send("GET", second.hubEndpoint() + "/org/model/resolve/main/config.json");
            send("GET", first.hubEndpoint() + "/api/models/org/model/revision/v1.0");

            assertThat(first.hubEndpoint()).isNotEqualTo(second.hubEndpoint());
            assertThat(first.finish().hub()).containsExactly(
                    new HubRequest(HubRequest.Kind.REVISION_INFO, "GET", "org/model", "v1.0", "", 200, TAG),
                    new HubRequest(HubRequest.Kind.FILE, "GET", "org/model", "v1.0", "config.json", 200, TAG));
            assertThat(second.finish().hub()).containsExactly(
                    new HubRequest(HubRequest.Kind.FILE, "GET", "org/model", "main", "config.json", 200, MAIN));
        }

        @Test
        void runsThatOverlapInTimeAreToldApartByTheirAddress() throws Exception {
            // As an audit with several jobs runs them: eight runs at once, each asking for its own revision.
            java.util.List<WitnessServer.Run> runs = java.util.stream.IntStream.range(0, 8).mapToObj(i -> server.open(store))
                    .toList();
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
            try {
                java.util.List<java.util.concurrent.Future<Integer>> sent = new java.util.ArrayList<>();
                for (int i = 0; i < runs.size(); i++) {
                    String url = runs.get(i).hubEndpoint() + "/org/model/resolve/" + (i % 2 == 0 ? "main" : "v1.0")
                            + "/config.json";
                    sent.add(pool.submit(() -> {
                        for (int n = 0; n < 5; n++) {
                            send("GET", url);
                        }
                        return 5;
                    }));
                }
                for (java.util.concurrent.Future<Integer> done : sent) {
                    done.get(30, java.util.concurrent.TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }

            for (int i = 0; i < runs.size(); i++) {
                String commit = i % 2 == 0 ? MAIN : TAG;
                assertThat(runs.get(i).finish().hub()).as("run " + i).hasSize(5).allSatisfy(r ->
                        assertThat(r.commit()).isEqualTo(commit));
            }
        }

        @Test
        void aFinishedRunsAddressIsNoLongerServed() throws Exception {
            WitnessServer.Run run = server.open(store);
            run.finish();

            assertThat(send("GET", run.hubEndpoint() + "/org/model/resolve/main/config.json").statusCode()).isEqualTo(404);
        }

        @Test
        void onlyGetAndHeadAreServed() throws Exception {
            WitnessServer.Run run = server.open(store);

            assertThat(send("POST", run.hubEndpoint() + "/org/model/resolve/main/config.json").statusCode()).isEqualTo(405);
            assertThat(run.finish().hub()).isEmpty();
        }

        @Test
        void theWitnessSaysWhatWasServedInOneLine() throws Exception {
            WitnessServer.Run run = server.open(store);
            send("GET", run.hubEndpoint() + "/api/models/org/model/revision/v1.0");
            send("GET", run.hubEndpoint() + "/org/model/resolve/" + TAG + "/config.json");

            Witness witness = run.finish();

            assertThat(witness.describe("org/model")).isEqualTo("the hub served org/model: revision v1.0 -> " + TAG
                    + "; files at " + TAG + ": config.json");
            assertThat(witness.describe("org/other")).isEqualTo("the hub was not asked for org/other");
            assertThat(witness.filesServedAt("org/model")).containsExactly(TAG);
        }

        @Test
        void theAddressIsOnLoopback() {
            assertThat(server.open(store).hubEndpoint()).matches("http://127\\.0\\.0\\.1:[0-9]+/w/r[0-9]+/hub");
            assertThat(List.of(server.address())).allMatch(a -> a.startsWith("http://127.0.0.1:"));
        }
    }
}
