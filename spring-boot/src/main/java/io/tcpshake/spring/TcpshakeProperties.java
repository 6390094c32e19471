package io.tcpshake.spring;

import io.tcpshake.core.monitor.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * {@code tcpshake.*} in application.yaml: the keys and defaults of targets.yaml's {@code defaults:} and
 * {@code targets:}, plus {@code critical} per target.
 * <pre>
 * tcpshake:
 *   defaults: {interval: 10s, timeout: 1s, labels: {env: prod}}
 *   targets:
 *     - {name: postgres, address: "db.internal:5432", critical: true}
 *     - {name: search, address: "search.internal:9200"}
 * </pre>
 * The properties validate themselves when Spring binds them (Spring Boot runs a {@link Validator} that is the
 * bound object itself): every wrong value is reported at once under its property, e.g.
 * {@code tcpshake.targets[0].address}, with the message tcpshake's {@link Target.Builder} gives, and the
 * application does not start.
 */
@ConfigurationProperties("tcpshake")
public class TcpshakeProperties implements Validator {
    /** Label names tcpshake's meters use as tags of their own. */
    static final Set<String> RESERVED_LABELS = Set.of("target", "outcome");

    /** Whether tcpshake starts at all; default true. */
    private boolean enabled = true;
    /** Values every target gets unless it sets its own. */
    @NestedConfigurationProperty
    private SettingsProperties defaults = new SettingsProperties();
    /** The endpoints to check. */
    private List<TargetProperties> targets = new ArrayList<>();

    /**
     * The targets, on top of the defaults block.
     *
     * @throws IllegalArgumentException listing every wrong value, when the properties are not valid
     */
    public List<Target> targets() {
        List<String> problems = new ArrayList<>();
        List<Target> built = build((property, message) -> problems.add("tcpshake." + property + ": " + message));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return built;
    }

    private List<Target> build(Problems problems) {
        defaults.applyTo(Target.builder("127.0.0.1", 1), problems.under("defaults"));
        // A problem of the defaults block that shows in every target is reported once, at the block.
        Set<String> reported = new HashSet<>();
        Problems defaultProblems = (property, message) -> {
            if (reported.add(property + message)) {
                problems.add("defaults." + property, message);
            }
        };
        List<Target> built = new ArrayList<>(targets.size());
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < targets.size(); i++) {
            String path = "targets[" + i + "]";
            Target target = targets.get(i).toTarget(defaults, problems.under(path), defaultProblems);
            if (target == null) {
                continue;
            }
            Integer first = firstIndex.putIfAbsent(target.name(), i);
            if (first != null) {
                problems.add(path + (targets.get(i).getName() == null ? ".address" : ".name"),
                        "duplicate target name '" + target.name() + "' (first at tcpshake.targets[" + first + "])"
                                + (targets.get(i).getName() == null ? ": a target without a name is named after its"
                                        + " address; give one of them a name" : ""));
                continue;
            }
            built.add(target);
        }
        return built;
    }

    @Override
    public boolean supports(Class<?> type) {
        return TcpshakeProperties.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        ((TcpshakeProperties) target).build((property, message) -> errors.rejectValue(property, "invalid", message));
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public SettingsProperties getDefaults() {
        return defaults;
    }

    public void setDefaults(SettingsProperties defaults) {
        this.defaults = defaults;
    }

    public List<TargetProperties> getTargets() {
        return targets;
    }

    public void setTargets(List<TargetProperties> targets) {
        this.targets = targets;
    }
}
