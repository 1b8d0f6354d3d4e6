package io.flowmesh.conformance.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import io.flowmesh.conformance.audit.AuditFixture;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

    @TempDir
    Path dir;

    private Document page;

    @BeforeEach
    void writeAndParse() throws Exception {
        page = Jsoup.parse(HtmlReport.write(AuditFixture.report(dir)));
    }

    @Test
    void theVerdictAndTheRfcTableComeFirst() {
        assertThat(page.selectFirst("#verdict").text()).isEqualTo("NOT CONFORMANT");
        Element first = page.selectFirst("table");
        assertThat(first.id()).as("the first table").isEqualTo("rfc-table");
        assertThat(first.select("thead th").eachText())
                .containsExactly("field", "uses", "upstream", "treatment", "observed", "contracts", "result");
        assertThat(first.select("tr[data-row=spec-never] td").last().text()).isEqualTo("FAIL");
    }

    @Test
    void thePageNeedsNoNetwork() {
        assertThat(page.select("script[src], link[href], img[src]")).as("external resources").isEmpty();
    }

    @Test
    void everyProbeRowCarriesWhatTheFiltersSelectOn() {
        Element colour = page.selectFirst("#checks tr[data-id=alpha/spec/colour/remove]");

        assertThat(colour.attr("data-template")).isEqualTo("alpha.yaml");
        assertThat(colour.attr("data-treatment")).isEqualTo("unclassified");
        assertThat(colour.attr("data-verdict")).isEqualTo("NO_EFFECT");
        assertThat(page.select("#filter-treatment option").eachAttr("value"))
                .containsExactly("", "remove", "support", "keep", "fix", "unclassified");
        assertThat(page.select("#filter-template option").eachAttr("value"))
                .containsExactly("", "alpha.yaml", "beta.yml", "gamma.yaml");
    }

    @Test
    void anEffectExpandsToItsBeforeAndAfter() {
        Element speed = page.selectFirst("#checks tr[data-id=alpha/spec/speed/perturb]");

        assertThat(speed.selectFirst("details summary").text()).isEqualTo("EFFECT on fake//spec/speed: 3 -> 7");
        assertThat(speed.select("details table.diff tr").get(1).select("td").eachText())
                .containsExactly("fake//spec/speed", "3", "7");
    }

    @Test
    void thePictureCountsProbesByTreatmentAndVerdictColouredByWhetherTheyPassed() {
        Element unclassifiedNoEffect = page.selectFirst("#picture td[data-treatment=unclassified][data-verdict=NO_EFFECT]");
        Element supportEffect = page.selectFirst("#picture td[data-treatment=support][data-verdict=EFFECT]");

        assertThat(unclassifiedNoEffect.hasClass("bad")).as(unclassifiedNoEffect.text()).isTrue();
        assertThat(supportEffect.hasClass("ok")).as(supportEffect.text()).isTrue();
    }

    @Test
    void textIsEscaped() {
        assertThat(HtmlReport.escape("<a href=\"x\">&'")).isEqualTo("&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
    }
}
