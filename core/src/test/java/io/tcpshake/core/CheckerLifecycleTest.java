package io.tcpshake.core;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.core.testing.LoopbackTargets;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AutoClose;

/** Starting, running, readiness and closing of a checker, on both engines. */
class CheckerLifecycleTest {
    @AutoClose
    private final LoopbackTargets targets = new LoopbackTargets();
    @AutoClose
    private Checker checker;

    @ForEachEngine
    void startMakesTheCheckerReadyAndCloseStopsItsDaemonThread(EngineChoice engine) throws Exception {
        String threadName = "tcpshake-lifecycle-" + engine;
        checker = EngineUnderTest.builder(engine).threadName(threadName).build();
        assertFalse(checker.isReady(), "ready before start");

        checker.start();

        assertTrue(checker.awaitReady(Duration.ofSeconds(5)), "not ready 5 s after start");
        assertTrue(checker.isReady());
        checker.ready().get(1, TimeUnit.SECONDS);
        Thread loop = thread(threadName);
        assertTrue(loop != null && loop.isDaemon(), "the loop runs on a daemon thread named " + threadName);
        assertFalse(checker.terminated().isDone(), "terminated while running");

        checker.close();

        assertFalse(checker.isReady(), "ready after close");
        checker.terminated().get(5, TimeUnit.SECONDS);
        await("the loop thread " + threadName + " ends").atMost(Duration.ofSeconds(5))
                .until(() -> thread(threadName) == null);
    }

    @ForEachEngine
    void aCheckerClosedBeforeItStartedIsTerminatedAtOnce(EngineChoice engine) throws Exception {
        checker = EngineUnderTest.builder(engine).build();
        checker.close();
        assertTrue(checker.terminated().isDone(), "a checker that never ran has nothing left to end");
    }

    @ForEachEngine
    void runBlocksTheCallingThreadUntilCloseFromAnotherThread(EngineChoice engine) throws Exception {
        checker = EngineUnderTest.builder(engine).build();
        AtomicReference<Throwable> runFailure = new AtomicReference<>();
        Thread runner = new Thread(() -> {
            try {
                checker.run();
            } catch (Throwable e) {
                runFailure.set(e);
            }
        }, "tcpshake-test-runner");
        runner.setDaemon(true);
        runner.start();

        assertTrue(checker.awaitReady(Duration.ofSeconds(5)), "not ready 5 s after run()");
        InetSocketAddress refused = targets.refusedAddress(LoopbackTargets.V4);
        assertEquals(Outcome.REFUSED, checker.checkAsync(refused, Duration.ofSeconds(1)).get(5, TimeUnit.SECONDS)
                .outcome(), "a check while run() runs");
        assertTrue(runner.isAlive(), "run() returned before close");

        checker.close();

        runner.join(5000);
        assertFalse(runner.isAlive(), "run() still blocks 5 s after close");
        assertNull(runFailure.get(), "run() threw");
    }

    @ForEachEngine
    void startingTwiceThrowsCheckerAlreadyStarted(EngineChoice engine) throws Exception {
        checker = EngineUnderTest.started(engine);

        assertThrows(CheckerAlreadyStartedException.class, checker::start);
        assertThrows(CheckerAlreadyStartedException.class, checker::run);
        assertTrue(checker.isReady(), "a second start() must not disturb the running loop");
    }

    @ForEachEngine
    void startingAfterCloseThrowsCheckerAlreadyStarted(EngineChoice engine) throws Exception {
        checker = EngineUnderTest.started(engine);
        checker.close();

        assertThrows(CheckerAlreadyStartedException.class, checker::start);
    }

    @ForEachEngine
    void pollerFdIsTheEpollDescriptorOrMinusOneForNio(EngineChoice engine) throws Exception {
        checker = EngineUnderTest.started(engine);

        if (engine == EngineChoice.EPOLL) {
            int fd = checker.pollerFd();
            assertTrue(fd > 0, "epoll pollerFd " + fd);
            assertTrue(java.nio.file.Files.readSymbolicLink(java.nio.file.Paths.get("/proc/self/fd/" + fd))
                    .toString().contains("eventpoll"), "fd " + fd + " is not an epoll instance");
        } else {
            assertEquals(-1, checker.pollerFd());
        }
    }

    @ForEachEngine
    void engineInfoNamesTheEngineAndHasNoFallbackReasonWhenForced(EngineChoice engine) throws Exception {
        checker = EngineUnderTest.started(engine);

        EngineInfo info = checker.engineInfo();

        assertEquals(EngineKind.valueOf(engine.name()), info.kind());
        assertNull(info.fallbackReason(), "a forced engine is no fallback");
        assertTrue(info.description().toLowerCase(java.util.Locale.ROOT).startsWith(engine.name().toLowerCase(
                java.util.Locale.ROOT)), info.description());
        if (engine == EngineChoice.NIO) {
            // This machine is Linux on JDK 17: the JDK has TCP_QUICKACK, so the NIO engine turns it off.
            assertTrue(info.description().contains("TCP_QUICKACK off: yes"), info.description());
        }
    }

    @org.junit.jupiter.api.Test
    void autoPicksEpollWhereItLoadsAndOtherwiseNioWithTheReason() {
        Throwable epollCause = io.tcpshake.core.internal.epoll.EpollEngine.unavailabilityCause();
        checker = Checker.builder().build();

        EngineInfo info = checker.engineInfo();

        if (epollCause == null) {
            assertEquals(EngineKind.EPOLL, info.kind(), info.toString());
            assertNull(info.fallbackReason(), info.toString());
        } else {
            assertEquals(EngineKind.NIO, info.kind(), info.toString());
            assertEquals(Engines.describe(epollCause), info.fallbackReason());
            assertTrue(info.toString().contains("fallback: "), info.toString());
        }
    }

    @org.junit.jupiter.api.Test
    void nioEngineInfoIsCompleteBeforeStart() {
        checker = Checker.builder().engine(EngineChoice.NIO).build();

        EngineInfo info = checker.engineInfo();

        assertEquals(EngineKind.NIO, info.kind());
        // Linux on JDK 11+: the JDK has TCP_QUICKACK.
        assertTrue(info.description().contains("TCP_QUICKACK off: yes"), info.description());
        assertTrue(info.description().contains("JDK " + Runtime.version().feature()), info.description());
    }

    @ForEachEngine
    void closeFailsPendingChecksPromptly(EngineChoice engine) throws Exception {
        checker = EngineUnderTest.started(engine);
        InetSocketAddress silent = targets.timeoutAddress(LoopbackTargets.V4);
        List<CompletableFuture<CheckResult>> pending = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            pending.add(checker.checkAsync(silent, Duration.ofSeconds(60)));
        }
        // Let the loop take them all in: the checks must be in flight, not merely queued. (The raw engine's
        // probes have no socket to count.)
        await().atMost(Duration.ofSeconds(5)).until(() -> pending.stream().noneMatch(CompletableFuture::isDone)
                && (engine == EngineChoice.RAW || openSocketsTo(silent) >= 100));

        long start = System.nanoTime();
        checker.close();
        CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0]))
                .handle((ignored, error) -> null).get(5, TimeUnit.SECONDS);
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertTrue(elapsedMillis < 1000, "pending checks failed " + elapsedMillis + " ms after close");
        for (CompletableFuture<CheckResult> future : pending) {
            ExecutionException failure = assertThrows(ExecutionException.class, future::get);
            assertInstanceOf(CheckerClosedException.class, failure.getCause());
        }
        await("the checks' sockets closed").atMost(Duration.ofSeconds(5)).until(() -> openSocketsTo(silent) == 0);
    }

    @ForEachEngine
    void closeFailsChecksStillResolvingPromptly(EngineChoice engine) throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch resolving = new java.util.concurrent.CountDownLatch(1);
        HostResolver stuck = host -> {
            resolving.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new java.net.UnknownHostException(host + ": released by the test");
        };
        checker = EngineUnderTest.started(EngineUnderTest.builder(engine).resolver(stuck));
        try {
            CompletableFuture<CheckResult> pending = checker.checkAsync(
                    InetSocketAddress.createUnresolved("slow.invalid", 5432), Duration.ofSeconds(60));
            assertTrue(resolving.await(5, TimeUnit.SECONDS), "the resolver was not called");

            long start = System.nanoTime();
            checker.close();
            ExecutionException failure = assertThrows(ExecutionException.class, () -> pending.get(5, TimeUnit.SECONDS));
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertInstanceOf(CheckerClosedException.class, failure.getCause());
            assertTrue(elapsedMillis < 1000, "a check still resolving failed " + elapsedMillis + " ms after close");
        } finally {
            release.countDown();
        }
    }

    @ForEachEngine
    void checkAfterCloseThrowsCheckerClosed(EngineChoice engine) throws Exception {
        checker = EngineUnderTest.started(engine);
        InetSocketAddress refused = targets.refusedAddress(LoopbackTargets.V4);
        checker.close();

        assertThrows(CheckerClosedException.class, () -> checker.checkAsync(refused, Duration.ofSeconds(1)));
        assertThrows(CheckerClosedException.class,
                () -> checker.checkAddr(HostPort.format(refused), Duration.ofSeconds(1)));
    }

    @ForEachEngine
    void checkBeforeStartThrowsCheckerClosed(EngineChoice engine) throws Exception {
        checker = EngineUnderTest.builder(engine).build();
        InetSocketAddress refused = targets.refusedAddress(LoopbackTargets.V4);

        assertThrows(CheckerClosedException.class, () -> checker.checkAsync(refused, Duration.ofSeconds(1)));
        assertFalse(checker.awaitReady(Duration.ofMillis(50)), "ready without start");
    }

    @ForEachEngine
    void closeIsIdempotentAndWorksBeforeStart(EngineChoice engine) throws Exception {
        checker = EngineUnderTest.builder(engine).build();
        checker.close();
        checker.close();

        assertTrue(checker.ready().isCompletedExceptionally(), "ready() of a checker closed before start");
        assertThrows(CheckerAlreadyStartedException.class, checker::start);
    }

    private static Thread thread(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(name) && t.isAlive()).findFirst().orElse(null);
    }

    /** Sockets of this machine in SYN-SENT or later towards {@code target}, by ss. */
    static int openSocketsTo(InetSocketAddress target) throws Exception {
        Process ss = new ProcessBuilder("ss", "-tanH", "state", "syn-sent", "dst",
                HostPort.format(target)).redirectErrorStream(true).start();
        String out = new String(ss.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        ss.waitFor(10, TimeUnit.SECONDS);
        return (int) out.lines().filter(line -> !line.isBlank()).count();
    }
}
