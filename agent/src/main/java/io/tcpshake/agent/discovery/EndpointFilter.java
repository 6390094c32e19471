package io.tcpshake.agent.discovery;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * Which discovered endpoints become targets: {@code discovery.include} and {@code exclude}. An endpoint is
 * taken when its address is in one of the include blocks (or there is none) and its port in one of the
 * include ports (or there is none), and neither its address nor its port is excluded.
 */
public final class EndpointFilter {
    /** Takes every endpoint. */
    public static final EndpointFilter ALL = new EndpointFilter(List.of(), List.of());

    private final List<EndpointRule> include;
    private final List<EndpointRule> exclude;

    public EndpointFilter(List<EndpointRule> include, List<EndpointRule> exclude) {
        this.include = List.copyOf(include);
        this.exclude = List.copyOf(exclude);
    }

    /** Whether {@code endpoint} becomes a target. */
    public boolean accepts(InetSocketAddress endpoint) {
        for (EndpointRule rule : exclude) {
            if (rule.matches(endpoint)) {
                return false;
            }
        }
        return matchesKind(endpoint, true) && matchesKind(endpoint, false);
    }

    private boolean matchesKind(InetSocketAddress endpoint, boolean addresses) {
        boolean any = false;
        for (EndpointRule rule : include) {
            if (rule.isAddress() == addresses) {
                if (rule.matches(endpoint)) {
                    return true;
                }
                any = true;
            }
        }
        return !any;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EndpointFilter && include.equals(((EndpointFilter) o).include)
                && exclude.equals(((EndpointFilter) o).exclude);
    }

    @Override
    public int hashCode() {
        return Objects.hash(include, exclude);
    }

    @Override
    public String toString() {
        return "include " + include + ", exclude " + exclude;
    }
}
