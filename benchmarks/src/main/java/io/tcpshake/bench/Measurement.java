package io.tcpshake.bench;

/** What one scenario did at one concurrency: checks, how many were up, time, CPU and heap spent. */
final class Measurement {
    final String scenario;
    final int inFlight;
    final long checks;
    final long up;
    final double seconds;
    /** CPU time (user + system) the scenario used, -1 when unknown. */
    final long cpuNanos;
    /** Heap allocated while it ran, -1 when unknown (the C programs). */
    final long allocatedBytes;
    /**
     * Connections the listener's application side accepted during the run: 0 for a half-open check,
     * about one per check for the full-connect baselines (read when the run ends; a few may still be queued).
     */
    long accepted = -1;
    /**
     * CPU time of the thread that runs the checks' system calls, -1 when unknown: the checker's loop thread
     * for tcpshake in process, the whole (single-threaded) program for the C loops. Unlike {@link #cpuNanos}
     * it leaves out the JIT and GC threads' warm-up, so it compares the loops themselves.
     */
    long loopCpuNanos = -1;

    Measurement(String scenario, int inFlight, long checks, long up, double seconds, long cpuNanos,
            long allocatedBytes) {
        this.scenario = scenario;
        this.inFlight = inFlight;
        this.checks = checks;
        this.up = up;
        this.seconds = seconds;
        this.cpuNanos = cpuNanos;
        this.allocatedBytes = allocatedBytes;
    }

    double checksPerSecond() {
        return seconds > 0 ? checks / seconds : 0;
    }

    /** CPU microseconds per check, NaN when unknown. */
    double cpuMicrosPerCheck() {
        return cpuNanos < 0 || checks == 0 ? Double.NaN : cpuNanos / 1e3 / checks;
    }

    /** Loop CPU microseconds per check, NaN when unknown. */
    double loopCpuMicrosPerCheck() {
        return loopCpuNanos < 0 || checks == 0 ? Double.NaN : loopCpuNanos / 1e3 / checks;
    }

    /** Heap bytes allocated per check, NaN when unknown. */
    double bytesPerCheck() {
        return allocatedBytes < 0 || checks == 0 ? Double.NaN : (double) allocatedBytes / checks;
    }
}
