package io.tcpshake.agent.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tcpshake.core.HostPort;
import io.tcpshake.core.internal.raw.RawEngine;
import io.tcpshake.core.testing.Commands;
import io.tcpshake.core.testing.NetRawCapability;
import io.tcpshake.core.testing.LoopbackTargets;
import io.tcpshake.core.testing.LoopbackTargets.UpListener;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tcpshake serve} as a user runs it: its own JVM, signals, exit codes, its endpoint over HTTP. */
class ServeCommandTest {
    private static final Pattern METRICS_URL = Pattern.compile("metrics at (http://[^ ,]+/metrics)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @AutoClose
    private final LoopbackTargets targets = new LoopbackTargets();

    @TempDir
    Path tmp;

    @Test
    void servesScrapesReloadsOnSighupAndExitsZeroOnSigterm() throws Exception {
        UpListener postgres = targets.upListener(LoopbackTargets.V4);
        UpListener redis = targets.upListener(LoopbackTargets.V4);
        Path file = tmp.resolve("targets.yaml");
        // Polling off: only SIGHUP can make the second target appear.
        String head = "reload: {interval: 0}\nexporter: {port: 0, probe: {allow: [\"127.0.0.1/32\"]}}\n"
                + "defaults: {interval: 200ms, timeout: 100ms}\ntargets:\n";
        Files.writeString(file, head + "  - {name: postgres, address: \"" + HostPort.format(postgres.address())
                + "\"}\n");
        File out = tmp.resolve("out").toFile();
        File err = tmp.resolve("err").toFile();
        // SIGHUP at its default in serve even when this test runs under nohup, which children inherit.
        Process serve = CliProcess.start(envLauncher("--default-signal=HUP"), out, err, "serve", file.toString());
        try {
            String metrics = await().atMost(Duration.ofSeconds(60)).until(() -> metricsUrl(err), url -> url != null);
            await().atMost(Duration.ofSeconds(20)).until(() -> get(metrics).body(),
                    body -> body.contains("tcpshake_target_up{target=\"postgres\",source=\"file\",} 1.0"));

            HttpResponse<String> probe = get(metrics.replace("/metrics", "/probe?module=tcp_connect&target="
                    + HostPort.format(redis.address())));
            assertTrue(probe.body().contains("probe_success 1.0"), probe.body());

            Files.writeString(file, Files.readString(file) + "  - {name: redis, address: \""
                    + HostPort.format(redis.address()) + "\"}\n");
            signal("HUP", serve);
            try {
                await().atMost(Duration.ofSeconds(20)).until(() -> get(metrics).body(),
                        body -> body.contains("tcpshake_target_up{target=\"redis\",source=\"file\",} 1.0"));
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("redis not up 20 s after SIGHUP; serve's log:\n"
                        + Files.readString(err.toPath()), e);
            }

            serve.destroy();
            assertTrue(serve.waitFor(30, TimeUnit.SECONDS), "serve did not stop on SIGTERM");
            String log = Files.readString(err.toPath());
            assertEquals(0, serve.exitValue(), log);
            assertTrue(log.contains("INFO tcpshake serve: SIGHUP: re-read " + file), log);
            assertTrue(log.endsWith("INFO tcpshake serve: stopped\n"), log);
            assertEquals("", Files.readString(out.toPath()), "serve's log goes to stderr, one line a record");
            assertTrue(postgres.acceptedNothing() && redis.acceptedNothing());
        } finally {
            serve.destroyForcibly();
        }
    }

    /** Started with SIGHUP ignored (nohup), serve says that SIGHUP will not reload, and runs on. */
    @Test
    void saysSoWhenStartedWithSighupIgnored() throws Exception {
        List<String> ignoring = envLauncher("--ignore-signal=HUP");
        assumeTrue(!ignoring.isEmpty(), "env cannot start a process with a signal ignored here (coreutils < 8.31)");
        UpListener postgres = targets.upListener(LoopbackTargets.V4);
        Path file = tmp.resolve("targets.yaml");
        Files.writeString(file, "exporter: {port: 0}\ntargets:\n  - {name: postgres, address: \""
                + HostPort.format(postgres.address()) + "\"}\n");
        File err = tmp.resolve("err").toFile();
        Process serve = CliProcess.start(ignoring, tmp.resolve("out").toFile(), err, "serve", file.toString());
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(err.toPath()),
                    log -> log.contains("tcpshake serve: SIGHUP is ignored in this process (started under nohup, or"
                            + " by a parent that ignores it): it will not reload; the file's polling still does"));
            signal("HUP", serve);
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.readString(err.toPath()),
                    log -> log.contains("target postgres (" + HostPort.format(postgres.address()) + ") is UP"));
            serve.destroy();
            assertTrue(serve.waitFor(30, TimeUnit.SECONDS), "serve did not stop on SIGTERM");
            assertEquals(0, serve.exitValue(), Files.readString(err.toPath()));
        } finally {
            serve.destroyForcibly();
        }
    }

    /** {@code env OPTION} as a launcher where this machine's env has it (coreutils 8.31 and later), else none. */
    private static List<String> envLauncher(String option) throws InterruptedException {
        return Commands.succeed("env", option, "true") ? List.of("env", option) : List.of();
    }

    /** The flag wins over the file's {@code engine:}; the engine running shows in the log, the metrics and the page. */
    @Test
    void engineRawRunsTheRawEngineOverTheFilesChoice() throws Exception {
        assumeTrue(RawEngine.unavailabilityReason() == null, () -> "the raw engine cannot run here, so this test "
                + "is skipped: " + RawEngine.unavailabilityReason());
        UpListener postgres = targets.upListener(LoopbackTargets.V4);
        Path file = engineFile("nio", postgres);
        File err = tmp.resolve("err").toFile();
        Process serve = CliProcess.start(tmp.resolve("out").toFile(), err, "serve", "--engine", "raw",
                file.toString());
        try {
            String metrics = awaitPostgresUp(err);
            String body = get(metrics).body();
            assertTrue(body.contains("engine=\"raw\""), body);
            String log = Files.readString(err.toPath());
            assertTrue(log.contains(", engine raw (CAP_NET_RAW"), log);
            assertTrue(get(metrics.replace("/metrics", "/status.json")).body().contains("\"engine\":\"raw ("));
            assertTrue(postgres.acceptedNothing());
        } finally {
            serve.destroyForcibly();
        }
    }

    @Test
    void engineRawWithoutCapNetRawRunsEpollAndSaysWhy() throws Exception {
        assumeTrue(NetRawCapability.canDrop(), "setpriv cannot drop CAP_NET_RAW here (util-linux missing?)");
        UpListener postgres = targets.upListener(LoopbackTargets.V4);
        Path file = engineFile("raw", postgres);
        File err = tmp.resolve("err").toFile();
        Process serve = CliProcess.start(NetRawCapability.DROPPED, tmp.resolve("out").toFile(), err, "serve",
                file.toString());
        try {
            String metrics = awaitPostgresUp(err);
            String body = get(metrics).body();
            assertTrue(body.contains("engine=\"epoll\""), body);
            String log = Files.readString(err.toPath());
            assertTrue(log.contains(", engine epoll (JNA ") && log.contains("(fallback: raw engine needs CAP_NET_RAW: "
                    + "socket(AF_INET, SOCK_RAW, IPPROTO_TCP) failed: Operation not permitted (EPERM))"), log);
            assertTrue(postgres.acceptedNothing());
        } finally {
            serve.destroyForcibly();
        }
    }

    @Test
    void unknownEngineIsAUsageError() throws Exception {
        Path file = Files.writeString(tmp.resolve("targets.yaml"), "targets: []\n");

        CliProcess.Result child = CliProcess.run(tmp, "serve", "--engine", "fast", file.toString());

        assertEquals(2, child.exitCode, child::toString);
        assertTrue(child.err.contains("--engine: unknown engine 'fast': expected auto, epoll, nio or raw"),
                child::toString);
    }

    @Test
    void invalidFileAtStartExitsThreeWithItsErrors() throws Exception {
        Path file = tmp.resolve("bad.yaml");
        Files.writeString(file, "targets:\n  - {address: \"127.0.0.1:5432\", timout: 1s}\n");

        CliProcess.Result child = CliProcess.run(tmp, "serve", file.toString());

        assertEquals(3, child.exitCode, child::toString);
        assertTrue(child.err.contains(file + ":2:") && child.err.contains("did you mean 'timeout'"), child::toString);
    }

    @Test
    void exporterPortInUseAtStartExitsThree() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Path file = tmp.resolve("targets.yaml");
            Files.writeString(file, "exporter: {port: " + taken.getLocalPort() + "}\ntargets: []\n");

            CliProcess.Result child = CliProcess.run(tmp, "serve", file.toString());

            assertEquals(3, child.exitCode, child::toString);
            assertTrue(child.err.contains("already in use"), child::toString);
        }
    }

    @Test
    void missingFileArgumentIsAUsageError() throws Exception {
        CliProcess.Result child = CliProcess.run(tmp, "serve");

        assertEquals(2, child.exitCode, child::toString);
    }

    private Path engineFile(String engine, UpListener target) throws IOException {
        return Files.writeString(tmp.resolve("targets.yaml"), "engine: " + engine + "\nexporter: {port: 0}\n"
                + "defaults: {interval: 200ms, timeout: 100ms}\ntargets:\n  - {name: postgres, address: \""
                + HostPort.format(target.address()) + "\"}\n");
    }

    /** Waits for serve's start-up line, then for target postgres to be up in its metrics; the metrics URL. */
    private static String awaitPostgresUp(File err) {
        String metrics = await().atMost(Duration.ofSeconds(60)).until(() -> metricsUrl(err), url -> url != null);
        await().atMost(Duration.ofSeconds(20)).until(() -> get(metrics).body(),
                b -> b.contains("tcpshake_target_up{target=\"postgres\",source=\"file\",} 1.0"));
        return metrics;
    }

    private static String metricsUrl(File out) throws IOException {
        Matcher matcher = METRICS_URL.matcher(Files.readString(out.toPath()));
        return matcher.find() ? matcher.group(1) : null;
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void signal(String name, Process process) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor());
    }
}
