package io.tcpshake.spring;

/** Where the problems found in tcpshake's properties go, each under its property path. */
@FunctionalInterface
interface Problems {
    /** Problems that nobody needs to hear again (the defaults block, already reported once). */
    Problems IGNORED = (property, message) -> { };

    void add(String property, String message);

    /** These problems with {@code prefix + "."} before every property. */
    default Problems under(String prefix) {
        return (property, message) -> add(prefix + "." + property, message);
    }
}
