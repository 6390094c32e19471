package io.tcpshake.agent.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tcpshake.core.HostPort;
import io.tcpshake.core.testing.LoopbackTargets;
import io.tcpshake.core.testing.LoopbackTargets.UpListener;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** {@code tcpshake check} run in-process against loopback targets. */
class CheckCommandTest {
    @AutoClose
    private final LoopbackTargets targets = new LoopbackTargets();

    private static String text(java.net.InetSocketAddress address) {
        return HostPort.format(address);
    }

    @Test
    void allUpExitsZeroWithSummaryAndTheListenerAcceptsNothing() throws Exception {
        UpListener listener = targets.upListener(LoopbackTargets.V4);
        String address = text(listener.address());

        CliRun run = CliRun.of("check", "-a", address, "-n", "5");

        assertEquals(0, run.exitCode, run::toString);
        assertTrue(run.out.contains(address + ": 5 checks, 5 up, 0 down"), run::toString);
        assertTrue(run.out.matches("(?s).*latency ms: min \\d+\\.\\d{3}  p50 \\d+\\.\\d{3}  p99 \\d+\\.\\d{3}  "
                + "max \\d+\\.\\d{3}.*"), run::toString);
        assertTrue(run.out.matches("(?s).*5 checks in \\d+\\.\\d{3} ms: \\d+ checks/s; engine (epoll|nio).*"),
                run::toString);
        assertEquals("", run.err);
        assertTrue(listener.acceptedNothing(), "a half-open check must not become a connection");
    }

    @Test
    void refusedPortExitsOneAndSaysRefused() throws Exception {
        String address = text(targets.refusedAddress(LoopbackTargets.V4));

        CliRun run = CliRun.of("check", "-a", address, "-n", "3");

        assertEquals(1, run.exitCode, run::toString);
        assertTrue(run.out.contains(address + ": 3 checks, 0 up, 3 down"), run::toString);
        assertTrue(run.out.contains("refused 3: ECONNREFUSED Connection refused"), run::toString);
    }

    @Test
    void jsonHasCountsPerAddressTotalsSpeedAndEngine() throws Exception {
        String up = text(targets.upListener(LoopbackTargets.V4).address());
        String refused = text(targets.refusedAddress(LoopbackTargets.V4));

        CliRun run = CliRun.of("check", "-a", up, "-a", refused, "-n", "10", "-c", "4", "-t", "750ms", "--json");

        assertEquals(1, run.exitCode, run::toString);
        assertEquals("", run.err);
        JsonObject json = JsonParser.parseString(run.out).getAsJsonObject();
        assertEquals(20, json.get("checks").getAsInt());
        assertEquals(10, json.get("up").getAsInt());
        assertEquals(10, json.get("down").getAsInt());
        assertEquals(10, json.getAsJsonObject("outcomes").get("refused").getAsInt());
        assertEquals(0, json.getAsJsonObject("outcomes").get("timeout").getAsInt());
        assertTrue(json.get("checks_per_second").getAsDouble() > 0, run::toString);
        assertTrue(json.get("duration_seconds").getAsDouble() > 0, run::toString);
        assertTrue(json.get("engine").getAsString().matches("epoll|nio"), run::toString);
        JsonObject latency = json.getAsJsonObject("latency_ms");
        assertTrue(latency.get("min").getAsDouble() <= latency.get("p50").getAsDouble()
                && latency.get("p50").getAsDouble() <= latency.get("p99").getAsDouble()
                && latency.get("p99").getAsDouble() <= latency.get("max").getAsDouble(), run::toString);
        JsonObject settings = json.getAsJsonObject("settings");
        assertEquals(750.0, settings.get("timeout_ms").getAsDouble());
        assertEquals(10, settings.get("checks_per_address").getAsInt());
        assertEquals(4, settings.get("concurrency").getAsInt());
        assertEquals("rst", settings.get("close").getAsString());
        JsonArray addresses = json.getAsJsonArray("addresses");
        assertEquals(2, addresses.size());
        JsonObject first = addresses.get(0).getAsJsonObject();
        JsonObject second = addresses.get(1).getAsJsonObject();
        assertEquals(up, first.get("address").getAsString());
        assertEquals("127.0.0.1", first.get("ip").getAsString());
        assertEquals(10, first.get("up").getAsInt());
        assertEquals(0, first.getAsJsonArray("down_reasons").size());
        assertEquals(refused, second.get("address").getAsString());
        assertEquals(10, second.getAsJsonObject("outcomes").get("refused").getAsInt());
        JsonObject reason = second.getAsJsonArray("down_reasons").get(0).getAsJsonObject();
        assertEquals("refused", reason.get("outcome").getAsString());
        assertEquals("ECONNREFUSED Connection refused", reason.get("reason").getAsString());
        assertEquals(10, reason.get("count").getAsInt());
    }

    @Test
    void verboseWithJsonKeepsStdoutOneJsonObject() throws Exception {
        String up = text(targets.upListener(LoopbackTargets.V4).address());

        CliRun run = CliRun.of("check", "-a", up, "-n", "2", "-v", "--json");

        assertEquals(0, run.exitCode, run::toString);
        assertEquals(2, JsonParser.parseString(run.out).getAsJsonObject().get("up").getAsInt());
        assertEquals(2, run.errLines().stream().filter(line -> line.startsWith(up + " up ")).count(), run::toString);
    }

    @Test
    void fullBacklogTimesOutAtTheTimeout() throws Exception {
        String address = text(targets.timeoutAddress(LoopbackTargets.V4));

        CliRun run = CliRun.of("check", "-a", address, "-t", "200ms", "--json");

        assertEquals(1, run.exitCode, run::toString);
        JsonObject json = JsonParser.parseString(run.out).getAsJsonObject();
        assertEquals(1, json.getAsJsonObject("outcomes").get("timeout").getAsInt(), run::toString);
        double latencyMs = json.getAsJsonObject("latency_ms").get("max").getAsDouble();
        assertTrue(latencyMs >= 190 && latencyMs < 1000, "timeout latency " + latencyMs + " ms, expected ~200");
    }

    @Test
    void severalAddressesGetNChecksEachAndATotal() throws Exception {
        UpListener listener = targets.upListener(LoopbackTargets.V4);
        String up = text(listener.address());
        String refused = text(targets.refusedAddress(LoopbackTargets.V4));

        CliRun run = CliRun.of("check", "-a", up, "-a", refused, "-n", "4", "-c", "3");

        assertEquals(1, run.exitCode, run::toString);
        assertTrue(run.out.contains(up + ": 4 checks, 4 up, 0 down"), run::toString);
        assertTrue(run.out.contains(refused + ": 4 checks, 0 up, 4 down"), run::toString);
        assertTrue(run.out.contains("total: 8 checks, 4 up, 4 down"), run::toString);
        assertTrue(run.out.contains("8 checks in "), run::toString);
        assertTrue(listener.acceptedNothing());
    }

    @Test
    void verbosePrintsOneLinePerResult() throws Exception {
        String up = text(targets.upListener(LoopbackTargets.V4).address());
        String refused = text(targets.refusedAddress(LoopbackTargets.V4));

        CliRun run = CliRun.of("check", "-a", up, "-a", refused, "-n", "3", "-v");

        assertEquals(1, run.exitCode, run::toString);
        Pattern upLine = Pattern.compile(Pattern.quote(up) + " up \\d+\\.\\d{3}ms");
        Pattern refusedLine = Pattern.compile(Pattern.quote(refused)
                + " refused \\d+\\.\\d{3}ms ECONNREFUSED Connection refused");
        List<String> lines = run.outLines();
        assertEquals(3, lines.stream().filter(line -> upLine.matcher(line).matches()).count(), run::toString);
        assertEquals(3, lines.stream().filter(line -> refusedLine.matcher(line).matches()).count(), run::toString);
        assertTrue(lines.get(0).startsWith("checking 2 addresses, 3 checks each, 1 in flight, timeout 1s"),
                run::toString);
    }

    @Test
    void checksGoRoundRobinOverTheAddresses() throws Exception {
        String up = text(targets.upListener(LoopbackTargets.V4).address());
        String refused = text(targets.refusedAddress(LoopbackTargets.V4));

        CliRun run = CliRun.of("check", "-a", up, "-a", refused, "-n", "3", "-c", "1", "-v");

        List<String> order = run.outLines().stream()
                .filter(line -> line.startsWith(up + " ") || line.startsWith(refused + " "))
                .map(line -> line.substring(0, line.indexOf(' ')))
                .collect(java.util.stream.Collectors.toList());
        assertEquals(List.of(up, refused, up, refused, up, refused), order, run::toString);
    }

    @Test
    void concurrencyKeepsThatManyChecksInFlight() throws Exception {
        String silent = text(targets.timeoutAddress(LoopbackTargets.V4));

        CliRun parallel = CliRun.of("check", "-a", silent, "-n", "4", "-c", "4", "-t", "300ms", "--json");
        CliRun serial = CliRun.of("check", "-a", silent, "-n", "2", "-c", "1", "-t", "300ms", "--json");

        double parallelSeconds = JsonParser.parseString(parallel.out).getAsJsonObject()
                .get("duration_seconds").getAsDouble();
        double serialSeconds = JsonParser.parseString(serial.out).getAsJsonObject()
                .get("duration_seconds").getAsDouble();
        assertTrue(parallelSeconds >= 0.29 && parallelSeconds < 0.6,
                "4 timeouts of 300 ms, 4 in flight, took " + parallelSeconds + " s; expected ~0.3 s");
        assertTrue(serialSeconds >= 0.59, "2 timeouts of 300 ms one after the other took " + serialSeconds + " s");
    }

    @Test
    void ipv6LoopbackUpAndRefused() throws Exception {
        UpListener listener = targets.upListener(LoopbackTargets.V6);
        String up = text(listener.address());
        String refused = text(targets.refusedAddress(LoopbackTargets.V6));
        assertTrue(up.startsWith("[::1]:"), up);

        CliRun upRun = CliRun.of("check", "-a", up, "-n", "2");
        CliRun refusedRun = CliRun.of("check", "-a", refused);

        assertEquals(0, upRun.exitCode, upRun::toString);
        assertTrue(upRun.out.contains(up + ": 2 checks, 2 up, 0 down"), upRun::toString);
        assertEquals(1, refusedRun.exitCode, refusedRun::toString);
        assertTrue(refusedRun.out.contains("refused 1: ECONNREFUSED Connection refused"), refusedRun::toString);
        assertTrue(listener.acceptedNothing());
    }

    @Test
    void manyChecksInFlightAllCompleteAndStayHalfOpen() throws Exception {
        UpListener listener = targets.upListener(LoopbackTargets.V4);
        String up = text(listener.address());

        CliRun run = CliRun.of("check", "-a", up, "-n", "3000", "-c", "64", "--json");

        assertEquals(0, run.exitCode, run::toString);
        JsonObject json = JsonParser.parseString(run.out).getAsJsonObject();
        assertEquals(3000, json.get("up").getAsInt());
        assertTrue(listener.acceptedNothing(), "no check may become a connection the application accepts");
    }

    @Test
    void hostNamesResolveOnceAndShowTheIpChecked() throws Exception {
        UpListener listener = targets.upListener(LoopbackTargets.V4);
        int port = listener.address().getPort();
        AtomicInteger lookups = new AtomicInteger();

        CliRun run = CliRun.with(host -> {
            lookups.incrementAndGet();
            return new InetAddress[] {LoopbackTargets.V4};
        }, "check", "-a", "db.test:" + port, "-n", "20", "-c", "4", "-v");

        assertEquals(0, run.exitCode, run::toString);
        assertEquals(1, lookups.get(), "a name is resolved once per run, not per check");
        assertTrue(run.out.contains("db.test:" + port + " (127.0.0.1): 20 checks, 20 up, 0 down"), run::toString);
        assertEquals(20, run.outLines().stream()
                .filter(line -> line.startsWith("db.test:" + port + " (127.0.0.1) up ")).count(), run::toString);
    }

    @Test
    void unresolvableNameIsDownForEachOfItsChecks() throws Exception {
        String up = text(targets.upListener(LoopbackTargets.V4).address());

        CliRun run = CliRun.with(host -> {
            throw new UnknownHostException(host + ": Name or service not known");
        }, "check", "-a", "nosuch.test:80", "-a", up, "-n", "3", "--json");

        assertEquals(1, run.exitCode, run::toString);
        JsonObject json = JsonParser.parseString(run.out).getAsJsonObject();
        assertEquals(3, json.getAsJsonObject("outcomes").get("resolve_failed").getAsInt(), run::toString);
        assertEquals(3, json.get("up").getAsInt(), run::toString);
        JsonObject unresolved = json.getAsJsonArray("addresses").get(0).getAsJsonObject();
        assertEquals("nosuch.test:80", unresolved.get("address").getAsString());
        assertTrue(unresolved.get("ip").isJsonNull());
        assertEquals("nosuch.test: Name or service not known", unresolved.getAsJsonArray("down_reasons").get(0)
                .getAsJsonObject().get("reason").getAsString());
    }

    @Test
    void finClosesWithARealConnectionTheApplicationCanAccept() throws Exception {
        UpListener listener = targets.upListener(LoopbackTargets.V4);

        CliRun run = CliRun.of("check", "-a", text(listener.address()), "-n", "3", "--fin");

        assertEquals(0, run.exitCode, run::toString);
        int[] accepted = {0};
        await().atMost(Duration.ofSeconds(5)).until(() -> (accepted[0] += listener.drainAccepted()) == 3);
    }

    @Test
    void forcedNioEngineIsNamedInTheOutput() throws Exception {
        String up = text(targets.upListener(LoopbackTargets.V4).address());

        CliRun run = CliRun.of("check", "-a", up, "--engine", "nio", "--json");

        assertEquals(0, run.exitCode, run::toString);
        JsonObject json = JsonParser.parseString(run.out).getAsJsonObject();
        assertEquals("nio", json.get("engine").getAsString());
        assertTrue(json.get("engine_fallback_reason").isJsonNull(), "a forced engine is no fallback");
    }

    @Test
    void rawEngineChecksHalfOpenWhereItMayAndVersionSaysSo() throws Exception {
        String reason = io.tcpshake.core.internal.raw.RawEngine.unavailabilityReason();
        org.junit.jupiter.api.Assumptions.assumeTrue(reason == null, () -> "no raw engine here: " + reason);
        LoopbackTargets.UpListener listener = targets.upListener(LoopbackTargets.V4);

        CliRun run = CliRun.of("check", "-a", text(listener.address()), "-n", "50", "-c", "8", "--engine", "raw",
                "--json");
        CliRun version = CliRun.of("version");

        assertEquals(0, run.exitCode, run::toString);
        JsonObject json = JsonParser.parseString(run.out).getAsJsonObject();
        assertEquals("raw", json.get("engine").getAsString());
        assertEquals(50, json.get("up").getAsInt(), run::toString);
        assertTrue(json.get("engine_fallback_reason").isJsonNull(), run::toString);
        assertEquals(0, listener.drainAccepted(), "connections the listener could accept");
        assertTrue(version.out.contains("raw:     available with --engine raw: raw (CAP_NET_RAW"), version::toString);
    }

    @Test
    void helpAndVersionExitZero() {
        CliRun help = CliRun.of("check", "--help");
        CliRun version = CliRun.of("--version");

        assertEquals(0, help.exitCode, help::toString);
        assertTrue(help.out.contains("Exit codes:") && help.out.contains("--timeout=DURATION"), help::toString);
        assertEquals(0, version.exitCode, version::toString);
        assertTrue(version.out.startsWith("tcpshake "), version::toString);
    }
}
