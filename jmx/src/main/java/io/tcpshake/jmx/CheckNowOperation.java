package io.tcpshake.jmx;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.monitor.MonitorView;
import io.tcpshake.core.monitor.TargetSnapshot;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/** The {@code checkNow} operation: runs on the JMX caller's thread, which may wait; the loop never does. */
final class CheckNowOperation {
    /** Beyond the target's own timeout: scheduling and hand-over to the listener executor. */
    static final Duration MARGIN = Duration.ofSeconds(1);

    private CheckNowOperation() {
    }

    static String run(MonitorView monitor, String targetName) {
        TargetSnapshot target = monitor.snapshot(targetName).orElseThrow(() -> new IllegalArgumentException(
                "no target named '" + targetName + "'; targets: " + monitor.snapshot().targets().stream()
                        .map(TargetSnapshot::name).collect(Collectors.joining(", "))));
        Duration wait = target.target().timeout().plus(MARGIN);
        CompletableFuture<CheckResult> result;
        try {
            result = monitor.checkNow(targetName);
        } catch (IllegalStateException e) {
            // The monitor is not running (yet, or any more): say so instead of failing the JMX call.
            return "cannot check '" + targetName + "' now: " + e.getMessage();
        }
        try {
            return result.get(wait.toMillis(), TimeUnit.MILLISECONDS).toString();
        } catch (TimeoutException e) {
            return "no result within " + wait.toMillis() + " ms; the check goes on and counts when it ends";
        } catch (ExecutionException e) {
            return "check of '" + targetName + "' could not run: " + e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while waiting for the check of '" + targetName + "'";
        }
    }
}
