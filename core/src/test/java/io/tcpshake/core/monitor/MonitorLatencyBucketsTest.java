package io.tcpshake.core.monitor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Latency buckets kept only for the targets whose histogram something reads, through the whole monitor. */
class MonitorLatencyBucketsTest {
    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final long[] NO_BUCKETS = new long[LatencySummary.BUCKET_BOUNDS_SECONDS.length];
    private final ManualMonitor m = new ManualMonitor();

    @AfterEach
    void close() {
        m.close();
    }

    private static Target target(String ip) {
        return Target.builder(ip, 7000).name(ip).interval(INTERVAL).jitter(0).initialDelay(Duration.ZERO).build();
    }

    /** Latencies at most the highest bound: every latency of these checks. */
    private long counted(String name) {
        long[] buckets = m.snapshot(name).latency().cumulativeBucketCounts();
        return buckets[buckets.length - 1];
    }

    @Test
    void aTargetWithoutBucketsKeepsItsLatencyFiguresAndCountsNoBucket() {
        m.start(m.builder().latencyBuckets(t -> !t.name().equals("127.0.0.2")), target("127.0.0.1"),
                target("127.0.0.2"));
        m.time.runDue();
        m.time.advance(INTERVAL);

        LatencySummary without = m.snapshot("127.0.0.2").latency();
        assertEquals(2, without.count());
        assertEquals(ScriptedChecks.LATENCY_NANOS, without.lastNanos());
        assertEquals(2 * ScriptedChecks.LATENCY_NANOS, without.sumNanos());
        assertArrayEquals(NO_BUCKETS, without.cumulativeBucketCounts());
        assertEquals(2, counted("127.0.0.1"));
    }

    @Test
    void bucketsTurnedOnByAReloadCountFromThenOnAndTurnedOffAreDropped() {
        AtomicBoolean read = new AtomicBoolean(false);
        Monitor monitor = m.start(m.builder().latencyBuckets(t -> read.get()), target("127.0.0.1"));
        m.time.runDue();
        m.time.advance(INTERVAL);

        read.set(true);
        monitor.replaceAll(List.of(target("127.0.0.1"))); // the same target: what reads it changed
        m.time.advance(INTERVAL);
        assertEquals(3, m.snapshot("127.0.0.1").latency().count());
        assertEquals(1, counted("127.0.0.1"));

        read.set(false);
        monitor.put(target("127.0.0.1"));
        assertArrayEquals(NO_BUCKETS, m.snapshot("127.0.0.1").latency().cumulativeBucketCounts());
        assertEquals(3, m.snapshot("127.0.0.1").latency().count());
    }
}
