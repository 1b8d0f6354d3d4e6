package io.flowmesh.reference.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowmesh.conformance.cli.FlowMeshConformance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The page {@code audit --report-dir} writes, as headless Chromium builds it: every assertion reads the DOM
 * the browser made and ran the page's script on, and every expectation is computed from the JSON report
 * of the same audit, not from the HTML writer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HtmlReportInChromiumTest {

    private static final String SCREENSHOT = "target/report-screenshot/rfc-table.png";

    @TempDir
    static Path dir;

    private ChromiumPage page;
    private URI html;
    private JsonNode report;
    private final List<Probe> probes = new ArrayList<>();

    /** One probe row of the JSON report, by what the page's filters select on. */
    private record Probe(String id, String template, String treatment, String verdict, JsonNode changes) {

        String attribute(String filter) {
            return switch (filter) {
                case "treatment" -> treatment;
                case "verdict" -> verdict;
                case "template" -> template;
                default -> throw new IllegalArgumentException(filter);
            };
        }
    }

    private final Optional<Path> browser = ChromiumPage.findBrowser();

    @BeforeAll
    void auditTheBundledTemplatesAndOpenTheBrowser() throws Exception {
        if (browser.isEmpty()) {
            return; // each test is skipped with the reason (a skip here would hide it from Surefire's report)
        }

        Path reports = dir.resolve("report");
        StringWriter err = new StringWriter();
        int exit = FlowMeshConformance.execute(new String[] {"audit", "--quiet", "--report-dir", reports.toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertThat(exit).as("the audit's exit code; stderr: %s", err).isZero();
        try (Stream<Path> files = Files.list(reports)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "report.txt", "report.json", "report.md", "report.html", "TEST-flowmesh-conformance.xml",
                    "badge-reference.json");
        }
        report = new ObjectMapper().readTree(reports.resolve("report.json").toFile());
        for (JsonNode template : report.get("templates")) {
            for (JsonNode field : template.get("fields")) {
                probes.add(new Probe(field.get("id").asText(), template.get("file").asText(),
                        field.get("treatment").isNull() ? "unclassified" : field.get("treatment").asText(),
                        field.get("verdict").asText(), field.get("changed")));
            }
        }
        html = reports.resolve("report.html").toUri();
        page = ChromiumPage.open(browser.get(), dir.resolve("chromium"), 1280, 900);
    }

    @BeforeEach
    void loadThePage() {
        assumeTrue(browser.isPresent(), ChromiumPage.WHERE_LOOKED);
        page.navigate(html);
    }

    @AfterAll
    void closeTheBrowser() {
        if (page != null) {
            page.close();
        }
    }

    @Test
    void theRfcTableIsTheFirstTableOnThePageAndListsEveryRow() {
        JsonNode tables = page.evaluate("(() => { const rfc = document.getElementById('rfc-table');"
                + " const rest = [...document.querySelectorAll('table')].filter(t => t !== rfc && !t.closest('details'));"
                + " return {first: document.querySelector('table').id, shown: rfc.checkVisibility(),"
                + " top: rfc.getBoundingClientRect().top, nextTop: Math.min(...rest.map(t => t.getBoundingClientRect().top)),"
                + " rows: [...rfc.querySelectorAll('tbody tr')].map(r => r.dataset.row)}; })()");

        assertThat(tables.get("first").asText()).as("the first table").isEqualTo("rfc-table");
        assertThat(tables.get("shown").asBoolean()).as("the RFC table is rendered").isTrue();
        assertThat(tables.get("top").asDouble()).as("the RFC table's top, above every other table's")
                .isLessThan(tables.get("nextTop").asDouble());
        assertThat(texts(tables.get("rows"))).as("the RFC rows, in the JSON report's order")
                .containsExactlyElementsOf(each(report.get("rows"), "id"));
    }

    @Test
    void aScreenshotShowsTheRfcTable() throws Exception {
        JsonNode box = page.evaluate("(() => { const r = document.getElementById('rfc-table').getBoundingClientRect();"
                + " return {width: Math.round(r.width), height: Math.round(r.height)}; })()");

        byte[] png = page.screenshot("#rfc-table");
        Path file = Files.createDirectories(Path.of(SCREENSHOT).getParent()).resolve("rfc-table.png");
        Files.write(file, png);

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).as("%s decodes as a PNG", file).isNotNull();
        assertThat(image.getWidth()).as("width of %s", file).isCloseTo(box.get("width").asInt(), within(1));
        assertThat(image.getHeight()).as("height of %s", file).isCloseTo(box.get("height").asInt(), within(1));
        assertThat(image.getHeight()).as("one line or more per RFC row").isGreaterThan(20 * report.get("rows").size());
        assertThat(inkedShare(image)).as("the share of %s that is not background: text and borders", file)
                .isBetween(0.02, 0.6);
        assertThat(colours(image)).as("colours in %s (the result column is coloured)", file).isGreaterThan(16);
    }

    @ParameterizedTest(name = "filter by {0}")
    @ValueSource(strings = {"treatment", "verdict", "template"})
    void eachValueOfAFilterShowsExactlyTheProbesWithThatValue(String filter) {
        List<String> options = texts(page.evaluate("[...document.querySelectorAll('#filter-" + filter + " option')]"
                + ".map(o => o.value)"));
        Set<String> inReport = new LinkedHashSet<>();
        probes.forEach(p -> inReport.add(p.attribute(filter)));
        assertThat(options).as("the %s filter's options", filter).startsWith("").containsAll(inReport);
        if (filter.equals("template")) {
            assertThat(options.subList(1, options.size())).as("one option per audited template, sorted")
                    .containsExactlyElementsOf(each(report.get("templates"), "file").stream().sorted().toList());
        }

        for (String value : options.subList(1, options.size())) {
            assertThat(select(filter, value)).as("the rows shown for %s = %s", filter, value)
                    .containsExactlyElementsOf(ids(p -> p.attribute(filter).equals(value)));
        }
        assertThat(select(filter, "")).as("the rows shown for every %s", filter).containsExactlyElementsOf(ids(p -> true));
    }

    @Test
    void filtersCombine() {
        Map<String, Long> supportEffects = new TreeMap<>();
        probes.stream().filter(p -> p.treatment().equals("support") && p.verdict().equals("EFFECT"))
                .forEach(p -> supportEffects.merge(p.template(), 1L, Long::sum));
        String template = supportEffects.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();

        select("treatment", "support");
        select("verdict", "EFFECT");
        List<String> shown = select("template", template);

        assertThat(shown).as("support rows with an EFFECT in %s", template).hasSize(supportEffects.get(template).intValue())
                .containsExactlyElementsOf(ids(p -> p.treatment().equals("support") && p.verdict().equals("EFFECT")
                        && p.template().equals(template)));
    }

    @Test
    void anEffectExpandsToItsBeforeAndAfterWhenItsSummaryIsClicked() {
        Probe effect = probes.stream().filter(p -> p.treatment().equals("support") && p.verdict().equals("EFFECT"))
                .findFirst().orElseThrow();
        String row = "#checks tr[data-id=" + ChromiumPage.quote(effect.id()) + "]";
        String diff = "(() => { const d = document.querySelector(" + ChromiumPage.quote(row + " details") + ");"
                + " return {open: d.open, shown: [...d.querySelectorAll('table.diff tr')].slice(1)"
                + ".filter(r => r.checkVisibility()).map(r => [...r.cells].map(c => c.innerText))}; })()";
        JsonNode before = page.evaluate(diff);
        assertThat(before.get("open").asBoolean()).as("%s starts closed", effect.id()).isFalse();
        assertThat(before.get("shown")).as("diff rows shown before the click").isEmpty();

        page.click(row + " summary");

        JsonNode after = page.evaluate(diff);
        assertThat(after.get("open").asBoolean()).as("%s is open after the click", effect.id()).isTrue();
        List<List<String>> expected = new ArrayList<>();
        for (JsonNode change : effect.changes()) {
            expected.add(List.of(change.get("channel").asText() + "/" + change.get("key").asText(),
                    change.get("before").isNull() ? "(absent)" : change.get("before").asText(),
                    change.get("after").isNull() ? "(absent)" : change.get("after").asText()));
        }
        List<List<String>> shown = new ArrayList<>();
        after.get("shown").forEach(cells -> shown.add(texts(cells)));
        assertThat(shown).as("the diff of %s, shown", effect.id()).isNotEmpty().containsExactlyElementsOf(expected);
    }

    @Test
    void aPageGoneBackToShowsTheRowsOfTheFiltersTheBrowserRestored() {
        select("verdict", "REJECTED");
        page.navigate(URI.create("about:blank"));

        page.back();

        JsonNode state = page.evaluate("(() => ({treatment: document.getElementById('filter-treatment').value,"
                + " verdict: document.getElementById('filter-verdict').value,"
                + " template: document.getElementById('filter-template').value}))()");
        assertThat(state.get("verdict").asText()).as("the verdict filter the browser restores on going back (without which this test shows nothing)").isEqualTo("REJECTED");
        assertThat(shownRows()).as("the rows shown under the restored filters %s", state)
                .containsExactlyElementsOf(ids(p -> p.verdict().equals("REJECTED")));
    }

    /** Picks {@code value} in the filter as a user would (the control changes, then fires change) and returns the rows shown. */
    private List<String> select(String filter, String value) {
        String id = ChromiumPage.quote("filter-" + filter);
        JsonNode picked = page.evaluate("(() => { const s = document.getElementById(" + id + "); s.value = "
                + ChromiumPage.quote(value) + "; s.dispatchEvent(new Event('change', {bubbles: true})); return s.value; })()");
        assertThat(picked.asText()).as("the %s filter offers %s", filter, value).isEqualTo(value);
        return shownRows();
    }

    /** The ids of the probe rows the browser renders (checkVisibility: not display:none, not in a closed details). */
    private List<String> shownRows() {
        return texts(page.evaluate("[...document.querySelectorAll('#checks tr.check')]"
                + ".filter(r => r.checkVisibility()).map(r => r.dataset.id)"));
    }

    private List<String> ids(Predicate<Probe> which) {
        return probes.stream().filter(which).map(Probe::id).toList();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static List<String> each(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.get(field).asText()));
        return values;
    }

    /** The share of pixels that differ from the most common colour (the background). */
    private static double inkedShare(BufferedImage image) {
        Map<Integer, Long> counts = colourCounts(image);
        long background = counts.values().stream().max(Long::compare).orElse(0L);
        return 1 - (double) background / ((long) image.getWidth() * image.getHeight());
    }

    private static int colours(BufferedImage image) {
        return colourCounts(image).size();
    }

    private static Map<Integer, Long> colourCounts(BufferedImage image) {
        Map<Integer, Long> counts = new HashMap<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                counts.merge(image.getRGB(x, y), 1L, Long::sum);
            }
        }
        return counts;
    }
}
