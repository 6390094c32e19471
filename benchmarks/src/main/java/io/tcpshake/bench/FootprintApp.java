package io.tcpshake.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The trivial application the footprint benchmark starts, with and without the agent.
 * <ul>
 *   <li>{@code ready}: prints {@code ready} and exits (start-up time).</li>
 *   <li>{@code inspect [agent]}: with {@code agent}, first waits (up to 30 s) until the agent runs: a
 *   {@code tcpshake-loop} thread exists and {@code tcpshake-start} is gone. Then prints
 *   {@code thread <name>} per live thread and {@code heap <bytes used after System.gc()>}, and exits.</li>
 *   <li>{@code inspect agent steady}: the same once the agent's threads are in their steady state (up to
 *   30 s more): the threads that come and go ({@code tcpshake-events}, {@code tcpshake-watch})
 *   are gone and the {@code tcpshake-*} threads have not changed for {@value #STEADY_SECONDS} s; or prints
 *   an {@code error} line.</li>
 * </ul>
 */
public final class FootprintApp {
    static final int STEADY_SECONDS = 3;

    private FootprintApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length == 0 || args[0].equals("ready")) {
            System.out.println("ready");
            return;
        }
        if (args.length > 1 && args[1].equals("agent") && !awaitAgentStarted(TimeUnit.SECONDS.toNanos(30))) {
            System.out.println("error no tcpshake-loop thread after 30 s: the agent did not start (see its stderr)");
        }
        if (args.length > 2 && args[2].equals("steady") && !awaitSteadyState(TimeUnit.SECONDS.toNanos(30))) {
            System.out.println("error the agent's threads did not settle within 30 s: " + agentThreads());
        }
        List<String> names = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            names.add(thread.getName());
        }
        Collections.sort(names);
        for (String name : names) {
            System.out.println("thread " + name);
        }
        System.out.println("heap " + HeapMeter.usedAfterGc());
        System.out.println("done");
    }

    private static boolean awaitAgentStarted(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (System.nanoTime() < deadline) {
            boolean checker = false;
            boolean starting = false;
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                checker |= thread.getName().equals("tcpshake-loop");
                starting |= thread.getName().equals("tcpshake-start");
            }
            if (checker && !starting) {
                return true;
            }
            Thread.sleep(5); // a child JVM's own poll, not a test: nothing to await with
        }
        return false;
    }

    private static boolean awaitSteadyState(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        Set<String> last = Set.of();
        long unchangedSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Set<String> now = agentThreads();
            if (!now.equals(last)) {
                last = now;
                unchangedSince = System.nanoTime();
            }
            boolean comingAndGoing = now.stream().anyMatch(name -> name.equals("tcpshake-events")
                    || name.startsWith("tcpshake-watch") || name.equals("tcpshake-start"));
            if (!comingAndGoing && System.nanoTime() - unchangedSince >= TimeUnit.SECONDS.toNanos(STEADY_SECONDS)) {
                return true;
            }
            Thread.sleep(20); // a child JVM's own poll, not a test: nothing to await with
        }
        return false;
    }

    private static Set<String> agentThreads() {
        Set<String> names = new TreeSet<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("tcpshake-")) {
                names.add(thread.getName());
            }
        }
        return names;
    }
}
