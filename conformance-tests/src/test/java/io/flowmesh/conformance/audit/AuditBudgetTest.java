package io.flowmesh.conformance.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.flowmesh.conformance.contract.ContractCheck;
import io.flowmesh.conformance.report.AuditReport;
import io.flowmesh.conformance.report.TemplateReport;
import io.flowmesh.conformance.spi.Capabilities;
import io.flowmesh.conformance.spi.Effect;
import io.flowmesh.conformance.spi.EffectTrace;
import io.flowmesh.conformance.spi.ParseResult;
import io.flowmesh.conformance.spi.RunOptions;
import io.flowmesh.conformance.spi.RunResult;
import io.flowmesh.conformance.spi.WorkflowImplementation;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One template that overruns its time budget, exhausts the heap or the stack, or floods its trace is
 * that template's failure, and a contract that overruns is that contract's; the audit goes on with the
 * next and ends with a report.
 */
class AuditBudgetTest {

    @TempDir
    Path dir;

    /** What the implementation does when it runs the template with {@code speed: 5} (beta.yml). */
    enum Fault { HANG, OUT_OF_MEMORY, STACK_OVERFLOW, HUGE_TRACE }

    /** The steady fake, except on one template. */
    private static final class OneBadTemplate implements WorkflowImplementation {

        private final WorkflowImplementation steady = AuditFixture.steadyFake();
        private final Fault fault;

        OneBadTemplate(Fault fault) {
            this.fault = fault;
        }

        @Override
        public String name() {
            return steady.name();
        }

        @Override
        public String version() {
            return steady.version();
        }

        @Override
        public Capabilities capabilities() {
            return steady.capabilities();
        }

        @Override
        public ParseResult parse(String yaml, String sourceName) {
            return steady.parse(yaml, sourceName);
        }

        @Override
        public RunResult run(String yaml, RunOptions options) {
            if (!yaml.contains("speed: 5")) {
                return steady.run(yaml, options);
            }
            switch (fault) {
                case HANG:
                    while (true) {
                        try {
                            Thread.sleep(60_000);
                        } catch (InterruptedException e) {
                            // Ignores interrupts, as a careless implementation does: the audit abandons it.
                        }
                    }
                case OUT_OF_MEMORY:
                    long[] huge = new long[Integer.MAX_VALUE - 2];
                    return new RunResult.Completed(new EffectTrace(List.of(new Effect("c", "k", huge.length))), List.of());
                case STACK_OVERFLOW:
                    return recurse(0);
                default:
                    List<Effect> flood = new ArrayList<>();
                    for (int i = 0; i < 64; i++) {
                        flood.add(new Effect("c", "k" + i, "x".repeat(128 * 1024)));
                    }
                    return new RunResult.Completed(new EffectTrace(flood), List.of());
            }
        }

        private RunResult recurse(int depth) {
            return depth < 0 ? null : recurse(depth + 1);
        }
    }

    private AuditReport audit(Fault fault, Duration budget) throws Exception {
        return new Audit(new OneBadTemplate(fault), AuditFixture.classification(), RunOptions.defaults(),
                Deviations.none(), RowScope.ALL, new Budget(budget)).run(TemplateCorpus.load(AuditFixture.writeTemplates(dir)));
    }

    private static TemplateReport template(AuditReport report, String file) {
        return report.templates().stream().filter(t -> t.file().equals(file)).findFirst().orElseThrow();
    }

    @Nested
    class ATemplateThatOverrunsItsBudget {

        @Test
        void failsItsWithinBudgetCheckAndTheOthersAreAudited() throws Exception {
            long start = System.nanoTime();

            AuditReport report = audit(Fault.HANG, Duration.ofMillis(700));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("audit time").isLessThan(Duration.ofSeconds(20));
            assertThat(template(report, "beta.yml").checks()).singleElement().satisfies(check -> {
                assertThat(check.id()).isEqualTo("beta/within-budget");
                assertThat(check.pass()).isFalse();
                assertThat(check.reason()).isEqualTo("the audit of this template did not finish within 0.7 s"
                        + " (--template-timeout, -Dconformance.templateTimeoutSeconds); its work was interrupted and abandoned");
            });
            assertThat(template(report, "alpha.yaml").probes()).as("the template before is probed").isNotEmpty();
        }
    }

    @Nested
    class ATemplateThatExhaustsMemory {

        @Test
        void failsItsWithinBudgetCheckAndTheAuditEndsWithAReport() throws Exception {
            AuditReport report = audit(Fault.OUT_OF_MEMORY, Duration.ofSeconds(30));

            assertThat(template(report, "beta.yml").checks()).singleElement().satisfies(check ->
                    assertThat(check.reason()).startsWith("the audit of this template ran out of memory (")
                            .endsWith(" MiB); its work was abandoned"));
            assertThat(template(report, "alpha.yaml").probes()).isNotEmpty();
        }

        @Test
        void orTheStackLikewise() throws Exception {
            AuditReport report = audit(Fault.STACK_OVERFLOW, Duration.ofSeconds(30));

            assertThat(template(report, "beta.yml").checks()).singleElement().satisfies(check ->
                    assertThat(check.reason()).isEqualTo("the audit of this template overflowed the stack; its work was abandoned"));
        }
    }

    @Nested
    class ATraceLargerThanTheLimit {

        @Test
        void isAnErrorOfThatRunNotAGrowingAudit() throws Exception {
            AuditReport report = audit(Fault.HUGE_TRACE, Duration.ofSeconds(30));

            assertThat(template(report, "beta.yml").checks()).anySatisfy(check -> {
                assertThat(check.id()).isEqualTo("beta/runs");
                assertThat(check.reason()).isEqualTo("ERROR: the trace (64 effects) is larger than 4194304 bytes, the most"
                        + " the audit accepts (-Dconformance.maxTraceBytes)");
            });
        }
    }

    @Nested
    class AContractThatOverrunsItsBudget {

        /** Declares PPO and hangs on every run: each PPO contract's scenarios never finish. */
        private final WorkflowImplementation hangsOnPpo = new WorkflowImplementation() {
            @Override
            public String name() {
                return "hangs-on-ppo";
            }

            @Override
            public String version() {
                return "0";
            }

            @Override
            public Capabilities capabilities() {
                return new Capabilities(Set.of("ppo"), Set.of(Capabilities.CPU), true);
            }

            @Override
            public ParseResult parse(String yaml, String sourceName) {
                return ParseResult.valid(List.of());
            }

            @Override
            public RunResult run(String yaml, RunOptions options) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("abandoned");
            }
        };

        @Test
        void failsThatContractsWithinBudgetCaseAndTheOtherContractsAreJudged() throws Exception {
            List<ContractCheck> cases = new Audit(hangsOnPpo, AuditFixture.classification(),
                    RunOptions.defaults(), Deviations.none(), RowScope.ALL, new Budget(Duration.ofMillis(50)))
                    .inParallel(2).run(List.of()).contracts();

            assertThat(cases).filteredOn(c -> c.contract().equals("ppo-early-stop")).singleElement().satisfies(c -> {
                assertThat(c.id()).isEqualTo("contract/ppo-early-stop/within-budget");
                assertThat(c.pass()).isFalse();
                assertThat(c.observed()).isEqualTo("the cases of contract ppo-early-stop did not finish within 0.2 s"
                        + " (--template-timeout, -Dconformance.templateTimeoutSeconds); its work was interrupted and abandoned");
            });
            assertThat(cases).filteredOn(c -> c.contract().equals("vllm-revision")).as("a contract of a task type not declared")
                    .singleElement().extracting(ContractCheck::status)
                    .isEqualTo(ContractCheck.Status.NOT_APPLICABLE);
        }
    }
}
