package io.flowmesh.conformance.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import io.flowmesh.conformance.audit.AuditFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JUnitXmlReportTest {

    @TempDir
    Path dir;

    private Document xml;

    @BeforeEach
    void writeAndParse() throws Exception {
        String text = JUnitXmlReport.write(AuditFixture.report(dir));
        xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private List<Element> elements(String tag) {
        NodeList nodes = xml.getElementsByTagName(tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    private Element testcase(String name) {
        return elements("testcase").stream().filter(e -> e.getAttribute("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no testcase " + name));
    }

    @Test
    void theRootCountsEveryTestcaseAndFailure() {
        Element root = xml.getDocumentElement();

        assertThat(root.getTagName()).isEqualTo("testsuites");
        assertThat(root.getAttribute("tests")).isEqualTo(String.valueOf(elements("testcase").size()));
        assertThat(root.getAttribute("failures")).isEqualTo("3");
    }

    @Test
    void eachTemplateIsASuiteAndEachCheckATestcaseNamedByItsStableId() {
        assertThat(elements("testsuite")).extracting(e -> e.getAttribute("name"))
                .containsExactly("template alpha.yaml", "template beta.yml", "template gamma.yaml", "contract cases",
                        "classification rows");
        assertThat(testcase("alpha/spec/speed/perturb").getAttribute("classname")).isEqualTo("alpha.yaml");
    }

    @Test
    void aFailedCheckCarriesAFailureWhoseMessageStartsWithItsId() {
        Element failure = (Element) testcase("alpha/spec/colour/remove").getElementsByTagName("failure").item(0);

        assertThat(failure.getAttribute("message")).startsWith("alpha/spec/colour/remove: undocumented no-op");
    }

    @Test
    void skippedTemplatesAndUnrunnableContractsCarryTheirReason() {
        Element skipped = (Element) testcase("gamma.yaml › skipped").getElementsByTagName("skipped").item(0);
        Element contract = (Element) testcase("contract/ppo-early-stop/all").getElementsByTagName("skipped").item(0);

        assertThat(skipped.getAttribute("message")).isEqualTo("the implementation does not declare task type(s) [gpu-only]");
        assertThat(contract.getAttribute("message")).isEqualTo("the implementation does not declare task type ppo");
    }
}
