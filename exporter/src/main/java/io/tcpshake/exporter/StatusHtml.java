package io.tcpshake.exporter;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.monitor.MonitorSnapshot;
import io.tcpshake.core.monitor.MonitorView;
import io.tcpshake.core.monitor.RecentResults;
import io.tcpshake.core.monitor.TargetSnapshot;
import io.tcpshake.core.monitor.TargetState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The status page's HTML, rendered whole on the server so it reads with JavaScript off: a summary line,
 * then one row per target, DOWN first. Every string from the configuration or a check goes through
 * {@link #escape}. {@code status.js} refreshes the part inside {@code id="live"} by fetching this same page.
 */
final class StatusHtml {
    /** Seconds between refreshes, by the script or, with JavaScript off, by the page itself. */
    static final int REFRESH_SECONDS = 5;

    private StatusHtml() {
    }

    static String render(MonitorView monitor, DowntimeLedger downtime, TargetFilter filter) {
        MonitorSnapshot snapshot = monitor.snapshot();
        Instant now = snapshot.takenAt();
        List<TargetSnapshot> rows = new ArrayList<>(filter.select(snapshot.targets()));
        rows.sort(TargetFilter.WORST_FIRST);
        long down = snapshot.downCount();
        long up = snapshot.upCount();
        long unknown = snapshot.targets().size() - down - up;

        StringBuilder html = new StringBuilder(2048 + 1400 * rows.size());
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
                .append("<title>").append(down > 0 ? down + " down - " : "").append("tcpshake</title>")
                .append("<link rel=\"icon\" href=\"").append(down > 0 ? "icon-down.svg" : "icon-up.svg").append("\">")
                .append("<link rel=\"stylesheet\" href=\"status.css\"><script src=\"status.js\" defer></script>")
                .append("<noscript><meta http-equiv=\"refresh\" content=\"").append(REFRESH_SECONDS * 2)
                .append("\"></noscript></head>\n<body>\n<header><h1>tcpshake</h1><nav>")
                .append("<a href=\"metrics\">Metrics</a><a href=\"status.json\">JSON</a>")
                .append("<a href=\"-/healthy\">Health</a></nav></header>\n<main>\n")
                .append("<form id=\"filter\" method=\"get\" action=\"\" role=\"search\">")
                .append("<input type=\"search\" name=\"q\" value=\"").append(escape(filter.text()))
                .append("\" placeholder=\"Filter: name, address, state, label=value\" aria-label=\"Filter targets\">")
                .append("<button type=\"submit\">Filter</button>")
                .append("<button type=\"button\" id=\"pause\" hidden aria-pressed=\"false\">Pause</button>")
                .append("<span id=\"refresh\" class=\"muted\"></span></form>\n")
                .append("<div id=\"live\" data-refresh=\"").append(REFRESH_SECONDS).append("\">\n");
        summary(html, down, up, unknown, snapshot.targets().size(), now, monitor.engineInfo().description());
        if (!filter.isEmpty()) {
            html.append("<p class=\"muted\">").append(rows.size()).append(" of ").append(snapshot.targets().size())
                    .append(" targets match <q>").append(escape(filter.text())).append("</q>.</p>\n");
        }
        html.append("<table>\n<thead><tr><th>State</th><th>Target</th><th>Since</th><th>Last check</th>")
                .append("<th>Recent checks</th><th>Latency</th>")
                .append("<th>Changes</th><th>Downtime</th></tr></thead>\n<tbody>\n");
        for (TargetSnapshot target : rows) {
            row(html, target, monitor.recentResults(target.name()), downtime.downMillis(target.name(),
                    now.toEpochMilli()), now);
        }
        if (rows.isEmpty()) {
            html.append("<tr><td colspan=\"8\" class=\"muted\">")
                    .append(snapshot.targets().isEmpty() ? "No targets are configured."
                            : "No target matches the filter.")
                    .append("</td></tr>\n");
        }
        return html.append("</tbody></table>\n</div>\n</main>\n</body></html>\n").toString();
    }

    private static void summary(StringBuilder html, long down, long up, long unknown, int total, Instant now,
            String engine) {
        html.append("<p id=\"summary\" class=\"summary ").append(down > 0 ? "down" : unknown > 0 ? "unknown" : "up")
                .append("\">");
        if (down > 0) {
            html.append("<span class=\"icon\">&#x2716;</span> <strong>").append(down).append(" down</strong>, ")
                    .append(up).append(" up");
        } else if (total > 0 && up == total) {
            html.append("<span class=\"icon\">&#x2714;</span> <strong>All ").append(total).append(" up</strong>");
        } else {
            html.append("<span class=\"icon\">&#x25CB;</span> <strong>").append(up).append(" up</strong>");
        }
        if (unknown > 0) {
            html.append(", ").append(unknown).append(" unknown");
        }
        html.append(" <span class=\"muted\">of ").append(total).append(total == 1 ? " target" : " targets")
                .append(" &middot; engine ").append(escape(engine)).append(" &middot; as of <time datetime=\"")
                .append(now).append("\" title=\"").append(TimeText.exact(now)).append("\">")
                .append(TimeText.clock(now)).append("</time></span></p>\n");
    }

    private static void row(StringBuilder html, TargetSnapshot target, RecentResults recent, long downMillis,
            Instant now) {
        TargetState current = target.state();
        String state = current == TargetState.DOWN ? "down" : current == TargetState.UP ? "up" : "unknown";
        String icon = current == TargetState.DOWN ? "&#x2716;" : current == TargetState.UP ? "&#x2714;" : "?";
        html.append("<tr class=\"").append(state).append("\"><td><span class=\"badge\">").append(icon).append(' ')
                .append(target.state()).append("</span></td><td><strong class=\"name\">").append(escape(target.name()))
                .append("</strong><br><code>").append(escape(target.target().endpoint().toString())).append("</code>");
        for (Map.Entry<String, String> label : target.target().labels().entrySet()) {
            html.append(" <span class=\"label\">").append(escape(label.getKey())).append('=')
                    .append(escape(label.getValue())).append("</span>");
        }
        html.append("</td><td>");
        time(html, target.stateSince(), now);
        html.append("</td><td class=\"check\">");
        CheckResult last = target.lastResult();
        if (last == null) {
            html.append("<span class=\"muted\">none yet</span>");
        } else {
            html.append("<span class=\"line\"><span class=\"o-").append(last.outcome().label()).append("-text\">")
                    .append(last.outcome().label()).append("</span> ").append(last.outcome().haproxyCode())
                    .append(" in ").append(TimeText.latency(last.latencyNanos() / 1000));
            if (target.lastCheckTime() != null) {
                html.append(" <small class=\"muted\">&middot; ");
                time(html, target.lastCheckTime(), now);
                html.append("</small>");
            }
            html.append("</span>");
            if (!last.isUp()) {
                html.append("<br><small>").append(escape(last.errnoName())).append(' ')
                        .append(escape(last.message())).append("</small>");
            }
        }
        html.append("</td><td>");
        RecentGraphics.strip(html, recent);
        html.append("</td><td class=\"latency\">");
        long median = RecentGraphics.sparkline(html, recent);
        if (median >= 0) {
            html.append("<small>").append(TimeText.latency(median)).append("</small>");
        } else {
            html.append("<small class=\"muted\">").append(recent.count() == 0 ? "none yet" : "no answer")
                    .append("</small>");
        }
        html.append("</td><td class=\"num\">").append(target.stateChanges()).append("</td><td class=\"num\">");
        if (downMillis > 0 || target.state() == TargetState.DOWN) {
            html.append(TimeText.duration(downMillis));
        } else {
            html.append("<span class=\"muted\">none</span>");
        }
        html.append("</td></tr>\n");
    }

    private static void time(StringBuilder html, Instant then, Instant now) {
        html.append("<time datetime=\"").append(then).append("\" title=\"").append(TimeText.exact(then)).append("\">")
                .append(TimeText.ago(then, now)).append("</time>");
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<': escaped.append("&lt;"); break;
                case '>': escaped.append("&gt;"); break;
                case '&': escaped.append("&amp;"); break;
                case '"': escaped.append("&quot;"); break;
                case '\'': escaped.append("&#39;"); break;
                default: escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
