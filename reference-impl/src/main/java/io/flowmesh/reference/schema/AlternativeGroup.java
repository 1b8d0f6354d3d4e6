package io.flowmesh.reference.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;

/**
 * Reduces the errors of one failed {@code anyOf}/{@code oneOf} (one error list per branch) to what a
 * person needs: the alternative's own expectation when a branch states one (a value or a placeholder),
 * "needs one of a, b or c" when every branch only asks for a property, the errors of the branch whose
 * type matched when one did, or a single "expected x or y" line otherwise.
 */
final class AlternativeGroup {

    private AlternativeGroup() {
    }

    /**
     * Identifies the innermost anyOf/oneOf an error comes from, per instance location.
     *
     * @return a grouping key, or null when the error is not under an alternative
     */
    static String key(Error error) {
        int at = alternativeIndex(error.getSchemaLocation().getFragment());
        if (at < 0) {
            return null;
        }
        return Pointers.of(error.getInstanceLocation()) + " " + prefix(error.getSchemaLocation().getFragment(), at);
    }

    static List<SchemaViolation> reduce(List<Error> errors, ViolationWording wording) {
        NodePath fragment = errors.get(0).getSchemaLocation().getFragment();
        int at = alternativeIndex(fragment);
        String pointer = Pointers.of(errors.get(0).getInstanceLocation());
        Optional<String> expectation = wording.expectation(fragment, at);
        if (expectation.isPresent() && errors.stream().allMatch(e -> pointer.equals(Pointers.of(e.getInstanceLocation())))) {
            return List.of(new SchemaViolation(pointer, "schema.type",
                    expectation.get() + ", found " + ViolationWording.shown(errors.get(0).getInstanceNode())));
        }
        Map<Integer, List<Error>> branches = new TreeMap<>();
        for (Error error : errors) {
            NodePath path = error.getSchemaLocation().getFragment();
            branches.computeIfAbsent(Integer.valueOf(String.valueOf(path.getElement(at + 1))), b -> new ArrayList<>())
                    .add(error);
        }
        if (errors.stream().allMatch(e -> isBranchKeyword(e, at, "required") && pointer.equals(Pointers.of(e.getInstanceLocation())))) {
            List<String> names = errors.stream().map(Error::getProperty).distinct().toList();
            return List.of(new SchemaViolation(pointer, "schema.required", "needs one of " + ViolationWording.quotedAlternatives(names)));
        }
        List<Error> best = null;
        for (List<Error> branch : branches.values()) {
            boolean typeMismatch = branch.stream().anyMatch(e -> isBranchKeyword(e, at, "type"));
            if (!typeMismatch && (best == null || branch.size() < best.size())) {
                best = branch;
            }
        }
        if (best != null) {
            return best.stream().map(wording::violation).toList();
        }
        List<String> expected = new ArrayList<>();
        String found = null;
        for (Error error : errors) {
            Object[] arguments = error.getArguments();
            if (isBranchKeyword(error, at, "type") && arguments != null && arguments.length >= 2) {
                found = String.valueOf(arguments[0]);
                expected.add(String.valueOf(arguments[1]));
            }
        }
        if (found == null) {
            return List.of(wording.violation(errors.get(0)));
        }
        return List.of(new SchemaViolation(pointer, "schema.type",
                "expected " + ViolationWording.alternatives(expected.stream().distinct().toList()) + ", found " + found));
    }

    /** Whether the error is the keyword directly in a branch of the alternative at {@code at}. */
    private static boolean isBranchKeyword(Error error, int at, String keyword) {
        NodePath path = error.getSchemaLocation().getFragment();
        return path.getNameCount() == at + 3 && keyword.equals(String.valueOf(path.getElement(at + 2)));
    }

    private static int alternativeIndex(NodePath fragment) {
        for (int i = fragment.getNameCount() - 2; i >= 0; i--) {
            String name = String.valueOf(fragment.getElement(i));
            if ("anyOf".equals(name) || "oneOf".equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static String prefix(NodePath fragment, int endInclusive) {
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i <= endInclusive; i++) {
            prefix.append('/').append(fragment.getElement(i));
        }
        return prefix.toString();
    }
}
