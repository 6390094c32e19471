package io.tcpshake.spring;

import io.tcpshake.core.monitor.Target;
import java.time.Duration;

/**
 * One entry of {@code tcpshake.targets}: what to check ({@code address}), its name, whether the application
 * cannot serve without it ({@code critical}), and any of the {@link SettingsProperties} keys for itself.
 */
public class TargetProperties extends SettingsProperties {
    /** What to check: {@code host:port}, e.g. {@code db.internal:5432} or {@code [::1]:6379}. Required. */
    private String address;
    /** Unique name: the {@code target} tag and the key in the health details; default the address. */
    private String name;
    /**
     * Whether the application cannot serve while this target is down: only a critical target that is down
     * makes {@code /actuator/health/tcpshake} DOWN. Default false, so an optional dependency that flaps
     * never takes the application out of service.
     */
    private boolean critical;

    /**
     * The target these properties describe, on top of {@code defaults}; null when a value is wrong, each
     * wrong value reported to {@code problems} under its property name, or to {@code defaultProblems} when
     * the value comes from the defaults block (a timeout longer than a default interval).
     */
    Target toTarget(SettingsProperties defaults, Problems problems, Problems defaultProblems) {
        if (address == null || address.isBlank()) {
            problems.add("address", "target has no address: add address: host:port (e.g. address: \"db:5432\")");
            return null;
        }
        Target.Builder builder;
        try {
            builder = Target.builder(address.trim());
        } catch (IllegalArgumentException e) {
            problems.add("address", e.getMessage());
            return null;
        }
        boolean[] wrong = new boolean[1];
        Problems counted = (property, message) -> {
            wrong[0] = true;
            problems.add(property, message);
        };
        if (name != null) {
            try {
                builder.name(name);
            } catch (IllegalArgumentException e) {
                counted.add("name", e.getMessage());
            }
        }
        // The defaults block's own problems are reported once, at tcpshake.defaults.
        defaults.applyTo(builder, Problems.IGNORED);
        applyTo(builder, counted);
        if (wrong[0]) {
            return null;
        }
        Target target = builder.critical(critical).build();
        Duration shortest = shortestInterval(target);
        if (target.timeout().compareTo(shortest) > 0) {
            // Reported where it was written: the target's timeout, else its interval, else the defaults block.
            boolean ownInterval = getInterval() != null || getFastInterval() != null || getDownInterval() != null;
            String message = "timeout " + text(target.timeout()) + " is longer than interval " + text(shortest)
                    + ": the next check would be due before this one times out; lower timeout or raise interval";
            if (getTimeout() != null) {
                problems.add("timeout", message);
            } else if (ownInterval) {
                problems.add(getInterval() != null ? "interval" : getFastInterval() != null ? "fastInterval"
                        : "downInterval", message);
            } else {
                defaultProblems.add("timeout", message);
            }
            return null;
        }
        return target;
    }

    private static String text(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    private static Duration shortestInterval(Target target) {
        Duration shortest = target.interval();
        if (target.fastInterval().compareTo(shortest) < 0) {
            shortest = target.fastInterval();
        }
        if (target.downInterval().compareTo(shortest) < 0) {
            shortest = target.downInterval();
        }
        return shortest;
    }

    public String getAddress() {
        return address;
    }

    public void setAddress(String address) {
        this.address = address;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public boolean isCritical() {
        return critical;
    }

    public void setCritical(boolean critical) {
        this.critical = critical;
    }
}
