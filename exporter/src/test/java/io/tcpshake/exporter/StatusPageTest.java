package io.tcpshake.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.core.monitor.LatencySummary;
import io.tcpshake.core.monitor.Target;
import io.tcpshake.core.monitor.TargetSnapshot;
import io.tcpshake.core.monitor.TargetState;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The status page over real HTTP: what a browser (or a browser with JavaScript off) gets. */
class StatusPageTest {
    private static final String USER = "prometheus";
    private static final String PASSWORD = "s3cret pass";
    private MetricsEndpoint endpoint;

    @AfterEach
    void close() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    @Test
    void pageRendersEveryRowServerSideDownFirstWithWordsAndRelativeTimes() throws Exception {
        String page = get("").body();

        assertEquals(List.of("cache", "[::1]:6379", "db"), names(page), "DOWN, then UNKNOWN, then UP");
        assertTrue(page.contains("<tr class=\"down\"><td><span class=\"badge\">&#x2716; DOWN</span>"), page);
        assertTrue(page.contains("<tr class=\"up\"><td><span class=\"badge\">&#x2714; UP</span>"), page);
        assertTrue(page.contains("<strong>1 down</strong>, 1 up, 1 unknown <span class=\"muted\">of 3 targets"), page);
        assertTrue(page.contains("<title>1 down - tcpshake</title>"), page);
        // cache went DOWN at 09:00:30; the snapshot was taken at 10:00:00.
        assertTrue(page.contains("title=\"2026-11-26 09:00:30.000 UTC\">59m 30s ago</time>"), page);
        assertTrue(page.contains("ECONNREFUSED Connection refused"), page);
        assertTrue(page.contains("<noscript><meta http-equiv=\"refresh\""), "reloads itself with JavaScript off");
    }

    @Test
    void everyConfiguredStringIsEscaped() throws Exception {
        List<TargetSnapshot> targets = new ArrayList<>(Snapshots.fixed());
        Target hostile = Target.builder("127.0.0.1", 7).name("<script>alert('x')</script>")
                .label("team", "<img src=x onerror=alert(1)>").build();
        targets.add(new TargetSnapshot(hostile, TargetState.UNKNOWN, Snapshots.T0, null, null, null, 0, Map.of(), 0,
                LatencySummary.EMPTY, List.of()));
        endpoint = MetricsEndpoint.builder(new FixedMonitorView(targets)).host("127.0.0.1").port(0).start();

        String page = Scrapes.get(base() + "?q=%3Cscript").body();

        assertTrue(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), page);
        assertTrue(page.contains("team=&lt;img src=x onerror=alert(1)&gt;"), page);
        assertTrue(page.contains("value=\"&lt;script\""), "the filter box shows the query as text: " + page);
        assertFalse(page.contains("<script>alert"), page);
        assertFalse(page.contains("<img"), page);
    }

    @Test
    void filterKeepsTargetsMatchingEveryWord() throws Exception {
        assertEquals(List.of("db"), names(get("?q=tier%3Ddb").body()));
        assertEquals(List.of("cache"), names(get("?q=DOWN+6380").body()));
        String none = Scrapes.get(base() + "?q=nothing+like+this").body();
        assertTrue(none.contains("No target matches the filter."), none);
        assertTrue(none.contains("0 of 3 targets match"), none);
    }

    @Test
    void pageLoadsNothingFromElsewhereAndForbidsItByPolicy() throws Exception {
        HttpResponse<String> response = get("");
        String page = response.body();

        assertEquals(StatusPage.CONTENT_SECURITY_POLICY,
                response.headers().firstValue("Content-Security-Policy").orElse(""));
        assertFalse(page.matches("(?s).*(src|href)=\"(https?:)?//.*"), "no other host: " + page);
        assertFalse(page.contains(" style="), "no inline style, which the policy would block");
        assertEquals("text/css; charset=utf-8", get("status.css").headers().firstValue("Content-Type").orElse(""));
        assertTrue(get("status.js").body().contains("DOMParser"));
        assertTrue(get("icon-down.svg").body().startsWith("<svg"));
        assertEquals(404, Scrapes.get(base() + "status.txt").statusCode());
    }

    @Test
    void basicAuthGuardsThePageItsFilesAndTheJson() throws Exception {
        endpoint = MetricsEndpoint.builder(new FixedMonitorView(Snapshots.fixed())).host("127.0.0.1").port(0)
                .basicAuth(USER, PasswordHash.sha256Spec(PASSWORD)).start();
        for (String path : List.of("", "status.json", "status.js", "status.css")) {
            assertEquals(401, Scrapes.get(base() + path).statusCode(), path);
            assertEquals(200, Scrapes.send(Scrapes.CLIENT,
                    Scrapes.withBasicAuth(Scrapes.request(base() + path), USER, PASSWORD).build()).statusCode(), path);
        }
    }

    @Test
    void aBrowserThatAcceptsGzipGetsThePageGzipped() throws Exception {
        endpoint = MetricsEndpoint.builder(new FixedMonitorView(Snapshots.many(1000))).host("127.0.0.1").port(0)
                .start();
        HttpResponse<byte[]> zipped = Scrapes.sendForBytes(Scrapes.request(base())
                .header("Accept-Encoding", "gzip, deflate").build());
        String plain = Scrapes.get(base()).body();

        assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElse(""));
        assertEquals(plain, Scrapes.gunzip(zipped.body()));
        assertTrue(zipped.body().length * 5 < plain.length(), zipped.body().length + " of " + plain.length());
    }

    private HttpResponse<String> get(String path) throws Exception {
        if (endpoint == null) {
            endpoint = MetricsEndpoint.builder(new FixedMonitorView(Snapshots.fixed())).host("127.0.0.1").port(0)
                    .start();
        }
        HttpResponse<String> response = Scrapes.get(base() + path);
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return response;
    }

    private String base() {
        return "http://127.0.0.1:" + endpoint.port() + "/";
    }

    /** The target names of the table's rows, top to bottom. */
    static List<String> names(String page) {
        List<String> names = new ArrayList<>();
        Matcher name = Pattern.compile("<strong class=\"name\">([^<]*)</strong>").matcher(page);
        while (name.find()) {
            names.add(name.group(1));
        }
        return names;
    }
}
