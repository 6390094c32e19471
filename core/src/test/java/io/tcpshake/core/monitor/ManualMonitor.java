package io.tcpshake.core.monitor;

import java.util.Random;

/**
 * A monitor on manual time with scripted checks, resolution and listeners running inline: every test
 * step is deterministic and nothing sleeps.
 */
final class ManualMonitor implements AutoCloseable {
    final ManualTime time = new ManualTime();
    final ScriptedChecks checks = new ScriptedChecks(time);
    final RecordingListener events = new RecordingListener();
    private Monitor monitor;

    /** The builder this fixture's monitor is made from; adjust it before {@link #start}. */
    Monitor.Builder builder() {
        return Monitor.builder().ticker(time).clock(time).scheduler(time).checkFunction(checks)
                .resolverExecutor(Runnable::run).listenerExecutor(Runnable::run).random(new Random(42));
    }

    Monitor start(Monitor.Builder builder, Target... targets) {
        monitor = builder.build();
        monitor.addListener(events);
        for (Target target : targets) {
            monitor.put(target);
        }
        monitor.start();
        return monitor;
    }

    Monitor start(Target... targets) {
        return start(builder(), targets);
    }

    TargetSnapshot snapshot(String name) {
        return monitor.snapshot(name).orElseThrow(() -> new AssertionError("no target " + name));
    }

    @Override
    public void close() {
        if (monitor != null) {
            monitor.close();
        }
    }
}
