// Run by the kit's build (maven-invoker-plugin) after this example's `mvn verify`: the suites must have
// run tests, named by their stable check IDs, and not passed empty ("No tests to run" is no result).
def reports = new File(basedir, 'target/surefire-reports').listFiles().findAll { it.name ==~ /TEST-.*\.xml/ }
assert reports : 'no Surefire XML report: the kit suites did not run'
def suites = reports.collect { new groovy.xml.XmlSlurper().parse(it) }
int tests = suites.sum { it.@tests.toInteger() }
int failed = suites.sum { it.@failures.toInteger() + it.@errors.toInteger() }
assert tests > 0 : 'the kit suites ran no test'
assert failed == 0 : "${failed} of ${tests} tests failed"
def cases = suites.collectMany { s -> s.testcase.collect { it } }
def names = cases.collect { it.@name.toString() }
// Each test is named by its stable check ID and probe alone.
assert names.any { it.startsWith('echo_hello/spec/data/items/perturb › perturb: ') } :
        "no test named by its stable check ID; names: ${names.take(5)}"
assert names.every { !it.contains('everyTemplateAndField') } :
        "names carry the factory method: ${names.findAll { it.contains('everyTemplateAndField') }.take(3)}"
def skipped = cases.findAll { it.skipped.size() > 0 }
assert skipped.every { it.@name.toString() ==~ /.* › (skipped|not applicable): .+/ && it.skipped.text() =~ / is (skipped|not applicable): / } :
        "skipped templates must say why, in the name and the message; first: ${skipped.take(1).collect { it.@name }}"
assert skipped.any { it.@name.toString().contains('the implementation does not declare task type') }
// Quiet by default: no SLF4J provider notices on an implementer's console.
def log = new File(basedir, 'build.log').text
assert !log.contains('SLF4J') : 'SLF4J printed notices during the build: ' + log.readLines().findAll { it.contains('SLF4J') }
println "java-implementation: ${tests} tests, ${skipped.size()} skipped with their reason, 0 failed"
return true
