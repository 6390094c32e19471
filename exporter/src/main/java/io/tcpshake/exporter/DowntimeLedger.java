package io.tcpshake.exporter;

import io.tcpshake.core.monitor.MonitorListener;
import io.tcpshake.core.monitor.StateChange;
import io.tcpshake.core.monitor.Target;
import io.tcpshake.core.monitor.TargetState;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How long each target has been DOWN since the endpoint started (HAProxy's downtime column), added up from
 * state changes. It hears state changes only, never each check's result, so a monitor whose targets are
 * steady wakes no listener thread for it. A removed target, or another endpoint under its name, starts over.
 *
 * <p>Only a target that has been DOWN has an entry: one that was never down has no downtime to add up, and a
 * fleet's targets mostly go from UNKNOWN to UP and stay so (an entry each cost 74 B at 100,000 targets).
 */
final class DowntimeLedger implements MonitorListener {
    private final Map<String, Downtime> byTarget = new ConcurrentHashMap<>();

    @Override
    public void onStateChange(StateChange change) {
        Downtime downtime = change.to() == TargetState.DOWN
                ? byTarget.computeIfAbsent(change.targetName(), name -> new Downtime())
                : byTarget.get(change.targetName());
        if (downtime != null) {
            downtime.stateChanged(change.from(), change.to(), change.at().toEpochMilli());
        }
    }

    @Override
    public void onTargetChanged(Target previous, Target current) {
        if (previous != null && (current == null || !previous.sameEndpoint(current))) {
            byTarget.remove(previous.name());
        }
    }

    /** Time {@code targetName} spent DOWN, the current outage included; 0 when it never was. */
    long downMillis(String targetName, long nowMillis) {
        Downtime downtime = byTarget.get(targetName);
        return downtime == null ? 0 : downtime.total(nowMillis);
    }

    /** How many targets have an entry: those that have been DOWN (and were not removed since). */
    int targetsKept() {
        return byTarget.size();
    }

    private static final class Downtime {
        private long downSinceMillis = -1;
        private long downMillis;

        synchronized void stateChanged(TargetState from, TargetState to, long atMillis) {
            if (from == TargetState.DOWN && downSinceMillis >= 0) {
                downMillis += Math.max(0, atMillis - downSinceMillis);
                downSinceMillis = -1;
            }
            if (to == TargetState.DOWN) {
                downSinceMillis = atMillis;
            }
        }

        synchronized long total(long nowMillis) {
            return downMillis + (downSinceMillis >= 0 ? Math.max(0, nowMillis - downSinceMillis) : 0);
        }
    }
}
