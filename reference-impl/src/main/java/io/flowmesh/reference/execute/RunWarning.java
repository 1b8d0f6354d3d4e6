package io.flowmesh.reference.execute;

/**
 * A warning raised while running, located by JSON pointer.
 *
 * @param pointer the field concerned
 * @param code a stable code
 * @param message one line for people
 */
public record RunWarning(String pointer, String code, String message) {
}
