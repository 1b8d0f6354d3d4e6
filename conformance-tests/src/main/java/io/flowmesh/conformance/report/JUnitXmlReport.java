package io.flowmesh.conformance.report;

import java.io.StringWriter;
import java.util.List;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import io.flowmesh.conformance.contract.ContractCheck;
import org.apiguardian.api.API;

/**
 * The audit as JUnit XML, the format CI tools read without Surefire: one {@code <testsuite>} per
 * template, one for the contract cases and one for the classification rows, and one
 * {@code <testcase>} per check, named by its stable ID. A failed check carries a {@code <failure>}
 * whose message starts with that ID; a skipped template or a contract that is not applicable is a
 * {@code <skipped>} with the reason.
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public final class JUnitXmlReport {

    private JUnitXmlReport() {
    }

    /** The report as JUnit XML text. */
    public static String write(AuditReport report) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            // A selection's suites all passing must not read as a conformant run in CI: the name says so.
            xml.writeAttribute("name", "FlowMesh conformance: " + report.implementation() + " "
                    + report.implementationVersion() + report.summary().selection()
                            .map(how -> ", a selection (" + how + "), not the full audit: no conformance verdict").orElse(""));
            xml.writeAttribute("tests", String.valueOf(cases(report)));
            xml.writeAttribute("failures", String.valueOf(report.summary().failed()));
            xml.writeCharacters("\n");
            for (TemplateReport template : report.templates()) {
                suite(xml, "template " + template.file(), template);
            }
            contracts(xml, report.contracts());
            checks(xml, "classification rows", "classification", report.rowChecks());
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("the report is plain text and always serialises as XML", e);
        }
        return text.toString();
    }

    private static int cases(AuditReport report) {
        int cases = report.contracts().size() + report.rowChecks().size();
        for (TemplateReport t : report.templates()) {
            cases += t.skipped().isPresent() ? 1 : t.checks().size() + t.probes().size();
        }
        return cases;
    }

    private static void suite(XMLStreamWriter xml, String name, TemplateReport template) throws XMLStreamException {
        String className = template.file();
        if (template.skipped().isPresent()) {
            startSuite(xml, name, 1, 0, 1);
            testcase(xml, className, template.file() + " › skipped", null, template.skipped().get(), null);
            endSuite(xml);
            return;
        }
        long failures = template.checks().stream().filter(c -> !c.pass()).count()
                + template.probes().stream().filter(p -> !p.pass()).count();
        startSuite(xml, name, template.checks().size() + template.probes().size(), failures, 0);
        for (TemplateCheck check : template.checks()) {
            testcase(xml, className, check.id(), check.pass() ? null : check.id() + ": " + check.reason(), null,
                    check.reason());
        }
        for (ProbeCheck probe : template.probes()) {
            String detail = probe.probe() + "\nverdict: " + probe.verdict().summary() + "\nwhy: " + probe.judgement().reason();
            testcase(xml, className, probe.id(), probe.pass() ? null : probe.id() + ": " + probe.judgement().reason(),
                    null, detail);
        }
        endSuite(xml);
    }

    private static void contracts(XMLStreamWriter xml, List<ContractCheck> contracts) throws XMLStreamException {
        long failures = contracts.stream().filter(c -> c.status() == ContractCheck.Status.FAILED).count();
        long skipped = contracts.stream().filter(c -> c.status() == ContractCheck.Status.NOT_APPLICABLE).count();
        startSuite(xml, "contract cases", contracts.size(), failures, skipped);
        for (ContractCheck c : contracts) {
            boolean notApplicable = c.status() == ContractCheck.Status.NOT_APPLICABLE;
            testcase(xml, "contract." + c.contract(), c.id(), c.status() == ContractCheck.Status.FAILED ? c.message() : null,
                    notApplicable ? c.expected() : null, c.message());
        }
        endSuite(xml);
    }

    private static void checks(XMLStreamWriter xml, String name, String className, List<TemplateCheck> checks)
            throws XMLStreamException {
        startSuite(xml, name, checks.size(), checks.stream().filter(c -> !c.pass()).count(), 0);
        for (TemplateCheck check : checks) {
            testcase(xml, className, check.id(), check.pass() ? null : check.id() + ": " + check.reason(), null,
                    check.reason());
        }
        endSuite(xml);
    }

    private static void startSuite(XMLStreamWriter xml, String name, long tests, long failures, long skipped)
            throws XMLStreamException {
        xml.writeCharacters("  ");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", name);
        xml.writeAttribute("tests", String.valueOf(tests));
        xml.writeAttribute("failures", String.valueOf(failures));
        xml.writeAttribute("errors", "0");
        xml.writeAttribute("skipped", String.valueOf(skipped));
        xml.writeCharacters("\n");
    }

    private static void endSuite(XMLStreamWriter xml) throws XMLStreamException {
        xml.writeCharacters("  ");
        xml.writeEndElement();
        xml.writeCharacters("\n");
    }

    /** One test case: a failure message, a skip reason, or neither; the detail goes to system-out. */
    private static void testcase(XMLStreamWriter xml, String className, String name, String failure, String skipped,
            String detail) throws XMLStreamException {
        xml.writeCharacters("    ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", className);
        xml.writeAttribute("name", name);
        if (failure != null) {
            xml.writeStartElement("failure");
            xml.writeAttribute("message", failure.lines().findFirst().orElse(failure));
            xml.writeCharacters(failure);
            xml.writeEndElement();
        }
        if (skipped != null) {
            xml.writeStartElement("skipped");
            xml.writeAttribute("message", skipped);
            xml.writeEndElement();
        }
        if (detail != null) {
            xml.writeStartElement("system-out");
            xml.writeCharacters(detail);
            xml.writeEndElement();
        }
        xml.writeEndElement();
        xml.writeCharacters("\n");
    }
}
