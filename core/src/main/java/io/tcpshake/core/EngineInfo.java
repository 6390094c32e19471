package io.tcpshake.core;

import java.util.Objects;

/** Which engine a {@link Checker} runs, and why that one: shown by the CLI, logged once, exported. */
public final class EngineInfo {
    private final EngineKind kind;
    private final String description;
    private final String fallbackReason;

    public EngineInfo(EngineKind kind, String description, String fallbackReason) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.description = Objects.requireNonNull(description, "description");
        this.fallbackReason = fallbackReason;
    }

    public EngineKind kind() {
        return kind;
    }

    /** What runs, e.g. {@code epoll (JNA 5.19.1, socket reuse)}. */
    public String description() {
        return description;
    }

    /** Why the preferred engine is not used, or null when it is (or the choice was forced). */
    public String fallbackReason() {
        return fallbackReason;
    }

    @Override
    public String toString() {
        return fallbackReason == null ? description : description + " (fallback: " + fallbackReason + ")";
    }
}
