#!/usr/bin/env python3
"""Start-up cost of tcpshake.jar as an agent, for the footprint figures of issue 9.

Runs a trivial app (prints one line and exits) N times with and without
-javaagent:tcpshake.jar=targets.yaml (2 IP-literal loopback targets, exporter on
port 0, JMX and JFR on), alternating, and prints medians of:
  - wall: process start to exit, as the shell sees it;
  - to-main: process start to the first line of main (the agent's premain and the
    JVM's handling of the agent jar are in here);
  - ready: process start to the agent's "tcpshake: monitoring" line, with an app
    that stays up 3 s (the agent starts on a daemon thread, beside the app);
  - exit: the end of main to the end of the process, with that app that stayed up
    3 s, with and without the agent (a thread of the agent left waiting in native
    code would make the JVM wait up to 0.3 s more at exit).
The same is measured for an empty agent (a premain that does nothing, in a one-class
jar): what -javaagent itself costs on that JDK (java.lang.instrument, and CDS's
archived module graph is turned off), whatever the agent. tcpshake's own share is
the difference to it.
Usage: startup-footprint.py [--runs N] [--jar agent/target/tcpshake.jar] JAVA_HOME...
Loopback only: the targets are 127.0.0.1 ports that refuse.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

APP = """public class App {
    public static void main(String[] args) throws Exception {
        System.out.println("app: main at " + System.currentTimeMillis());
        if (args.length > 0) Thread.sleep(Long.parseLong(args[0]));
        System.out.println("app: main ends at " + System.currentTimeMillis());
    }
}
"""
EMPTY_AGENT = """public class EmptyAgent {
    public static void premain(String args, java.lang.instrument.Instrumentation instrumentation) {
    }
}
"""
TARGETS = """defaults: {interval: 10s, timeout: 1s}
exporter: {enabled: true, host: 127.0.0.1, port: 0}
jmx: {enabled: true}
jfr: {enabled: true}
targets:
  - {name: a, address: "127.0.0.1:1"}
  - {name: b, address: "127.0.0.1:2"}
"""


def run(java, options, work, sleep_ms=None, wait_for=None):
    command = [java] + options + ["-cp", work, "App"] + ([str(sleep_ms)] if sleep_ms else [])
    start_wall = time.time()
    start = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    to_main = ready = main_end = None
    for line in process.stdout:
        now = time.monotonic()
        if line.startswith("app: main at ") and to_main is None:
            to_main = int(line.split()[-1]) / 1000.0 - start_wall
        if line.startswith("app: main ends at "):
            main_end = int(line.split()[-1]) / 1000.0
        if wait_for and wait_for in line and ready is None:
            ready = now - start
    process.wait()
    wall = time.monotonic() - start
    exit_ms = (time.time() - main_end) * 1000 if main_end else float("nan")
    if process.returncode != 0:
        sys.exit("failed: %s (exit %d)" % (" ".join(command), process.returncode))
    return wall * 1000, (to_main or 0) * 1000, (ready or float("nan")) * 1000, exit_ms


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--jar", default="agent/target/tcpshake.jar")
    parser.add_argument("java_homes", nargs="+")
    args = parser.parse_args()
    jar = os.path.abspath(args.jar)
    work = tempfile.mkdtemp(prefix="tcpshake-startup-")
    with open(os.path.join(work, "App.java"), "w") as f:
        f.write(APP)
    targets = os.path.join(work, "targets.yaml")
    with open(targets, "w") as f:
        f.write(TARGETS)
    subprocess.check_call([os.path.join(args.java_homes[0], "bin", "javac"), "--release", "11", "-d", work,
                           os.path.join(work, "App.java")])
    with open(os.path.join(work, "EmptyAgent.java"), "w") as f:
        f.write(EMPTY_AGENT)
    with open(os.path.join(work, "manifest.txt"), "w") as f:
        f.write("Premain-Class: EmptyAgent\n")
    bin_dir = os.path.join(args.java_homes[0], "bin")
    subprocess.check_call([os.path.join(bin_dir, "javac"), "--release", "11", "-d", work,
                           os.path.join(work, "EmptyAgent.java")])
    empty_jar = os.path.join(work, "empty-agent.jar")
    subprocess.check_call([os.path.join(bin_dir, "jar"), "cfm", empty_jar, os.path.join(work, "manifest.txt"),
                           "-C", work, "EmptyAgent.class"])
    agent = ["-javaagent:%s=%s" % (jar, targets)]
    empty = ["-javaagent:" + empty_jar]
    print("%-40s %8s %8s %8s %8s %8s %8s %8s %8s %8s" % ("java", "wall", "+empty", "+agent", "to-main", "+empty",
                                                         "+agent", "ready", "exit", "+agent"))
    for home in args.java_homes:
        java = os.path.join(home, "bin", "java")
        plain, with_empty, with_agent, ready, stayed = [], [], [], [], []
        run(java, [], work)  # warm the page cache
        run(java, agent, work)
        for _ in range(args.runs):
            plain.append(run(java, [], work))
            with_empty.append(run(java, empty, work))
            with_agent.append(run(java, agent, work))
        for _ in range(max(3, args.runs // 2)):
            stayed.append(run(java, [], work, sleep_ms=3000))
            ready.append(run(java, agent, work, sleep_ms=3000, wait_for="tcpshake: monitoring"))
        med = lambda rows, i: statistics.median(r[i] for r in rows)
        print("%-40s %6.0fms %6.0fms %6.0fms %6.0fms %6.0fms %6.0fms %6.0fms %6.0fms %6.0fms" % (
            home, med(plain, 0), med(with_empty, 0) - med(plain, 0), med(with_agent, 0) - med(plain, 0),
            med(plain, 1), med(with_empty, 1) - med(plain, 1), med(with_agent, 1) - med(plain, 1),
            med(ready, 2), med(stayed, 3), med(ready, 3) - med(stayed, 3)))
    print("medians of %d runs (ready, exit: %d), runs interleaved; +empty / +agent = median with an empty agent /"
          " with tcpshake minus the median without any; ready = start to the agent's 'monitoring' line; exit = end"
          " of main to end of process" % (args.runs, max(3, args.runs // 2)))


if __name__ == "__main__":
    main()
