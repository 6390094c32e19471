package io.tcpshake.otlp;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.resources.Resource;
import io.tcpshake.core.DaemonThreads;
import io.tcpshake.core.TcpshakeLoggers;
import io.tcpshake.core.monitor.MonitorView;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Pushes a monitor's metrics to an OpenTelemetry collector (OTLP over HTTP, protobuf) every
 * {@link OtlpSettings#interval()}, on one daemon thread of its own, {@code tcpshake-otlp}. Each push reads one
 * {@link MonitorView#snapshot()}, which never waits on a check, so the checking loop never waits on a push;
 * a collector that is down or slow costs that thread a request of at most {@link OtlpSettings#timeout()}
 * per interval and one logged warning per outage, nothing else (nothing is queued).
 *
 * <pre>{@code
 * try (OtlpOutput otlp = OtlpOutput.start(monitor, OtlpSettings.fromEnvironment(System.getenv()).build())) {
 *     ...
 * }
 * }</pre>
 *
 * The first push comes one interval after the start, as with OpenTelemetry's periodic reader. Its few messages
 * (an outage's start and end, a failure to read the metrics) go to {@code System.Logger} {@code io.tcpshake.otlp}
 * through {@link TcpshakeLoggers}, so that a host that routes tcpshake's loggers gets them too.
 */
public final class OtlpOutput implements AutoCloseable {
    /** The name of the pushing thread. */
    public static final String THREAD_NAME = "tcpshake-otlp";
    /** The logger of the OTLP output's messages. */
    static final String LOGGER = "io.tcpshake.otlp";
    private static final System.Logger LOG = TcpshakeLoggers.get(LOGGER);

    private final OtlpSettings settings;
    private final SnapshotMetrics metrics;
    private final Resource resource;
    private final OtlpHttpPush push;
    private final ScheduledThreadPoolExecutor executor;

    private OtlpOutput(MonitorView monitor, OtlpSettings settings) throws IOException {
        this.settings = settings;
        Instant now = Clock.systemUTC().instant();
        this.metrics = new SnapshotMetrics(monitor, now.getEpochSecond() * 1_000_000_000L + now.getNano());
        AttributesBuilder attributes = Attributes.builder();
        settings.resource().forEach(attributes::put);
        this.resource = Resource.create(attributes.build());
        this.push = new OtlpHttpPush(settings);
        this.executor = new ScheduledThreadPoolExecutor(1, DaemonThreads.named(THREAD_NAME));
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /**
     * Starts pushing {@code monitor}'s metrics as {@code settings} say.
     *
     * @throws IOException when the endpoint cannot be made a URL of this JVM (a protocol it lacks)
     */
    public static OtlpOutput start(MonitorView monitor, OtlpSettings settings) throws IOException {
        OtlpOutput output = new OtlpOutput(Objects.requireNonNull(monitor, "monitor"),
                Objects.requireNonNull(settings, "settings"));
        long interval = settings.interval().toMillis();
        output.executor.scheduleAtFixedRate(output::pushNow, interval, interval, TimeUnit.MILLISECONDS);
        return output;
    }

    /** The settings it pushes with. */
    public OtlpSettings settings() {
        return settings;
    }

    private void pushNow() {
        try {
            push.push(metrics.read(resource));
        } catch (RuntimeException | LinkageError e) {
            // A scheduled task that throws is never run again: log it and keep pushing.
            LOG.log(System.Logger.Level.ERROR, "tcpshake: reading the metrics to push failed (" + e
                    + "); pushing goes on");
        }
    }

    /** Stops pushing (a push under way is interrupted); the thread ends. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
