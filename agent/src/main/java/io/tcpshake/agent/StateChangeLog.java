package io.tcpshake.agent;

import io.tcpshake.core.monitor.MonitorListener;
import io.tcpshake.core.monitor.StateChange;
import io.tcpshake.core.monitor.Target;
import io.tcpshake.core.monitor.TargetState;

/**
 * Logs every state change as HAProxy does ({@code Server db is DOWN}), so an agent without any output
 * enabled still says what it finds: {@code tcpshake: target db (10.0.0.5:5432) is DOWN: ...}, one line on the
 * logger {@value AgentLog#STATE}.
 */
final class StateChangeLog implements MonitorListener {
    private final AgentLog log;

    StateChangeLog(AgentLog log) {
        this.log = log;
    }

    @Override
    public void onStateChange(StateChange change) {
        Target target = change.snapshot().target();
        System.Logger.Level level = change.to() == TargetState.DOWN ? System.Logger.Level.WARNING
                : System.Logger.Level.INFO;
        log.log(AgentLog.STATE, level,
                "tcpshake: target " + target.name() + " (" + target.endpoint() + ") is " + change.to() + " (was "
                        + change.from() + "): " + change.reason(), null);
    }
}
