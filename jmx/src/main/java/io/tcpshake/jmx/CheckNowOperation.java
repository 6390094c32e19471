package io.tcpshake.jmx;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.InputText;
import io.tcpshake.core.monitor.MonitorView;
import io.tcpshake.core.monitor.TargetSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/** The {@code checkNow} operation: runs on the JMX caller's thread, which may wait; the loop never does. */
final class CheckNowOperation {
    /** Beyond the target's own timeout: scheduling and hand-over to the listener executor. */
    static final Duration MARGIN = Duration.ofSeconds(1);
    /** Target names an unknown-name error lists; the rest are in the TargetNames attribute. */
    static final int NAMES_SHOWN = 10;

    private CheckNowOperation() {
    }

    static String run(MonitorView monitor, String targetName) {
        TargetSnapshot target = monitor.snapshot(targetName == null ? "" : targetName)
                .orElseThrow(() -> unknown(monitor, targetName));
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

    /** The name as given (quoted, one short line) and the first targets: a JMX client may send anything. */
    private static IllegalArgumentException unknown(MonitorView monitor, String targetName) {
        List<String> names = monitor.snapshot().targets().stream().map(TargetSnapshot::name)
                .collect(Collectors.toList());
        String shown = names.stream().limit(NAMES_SHOWN).collect(Collectors.joining(", "));
        String more = names.size() > NAMES_SHOWN ? ", ... (" + names.size() + " in all, see TargetNames)" : "";
        return new IllegalArgumentException("no target named " + InputText.quote(targetName) + "; targets: " + shown
                + more);
    }
}
