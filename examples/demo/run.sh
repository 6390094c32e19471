#!/usr/bin/env bash
# Runs the demo application with the tcpshake agent. Everything stays on loopback.
#   examples/demo/run.sh            # until Ctrl-C
#   examples/demo/run.sh 2m         # for two minutes
# Then open http://127.0.0.1:9464/ or point Prometheus at it (examples/prometheus/prometheus.yml).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ ! -f agent/target/tcpshake.jar || ! -f examples/target/tcpshake-examples.jar ]]; then
    # Only what the demo needs (core, jmx, exporter, agent, examples): quicker than the whole build.
    echo "building tcpshake (mvn -q -pl examples -am package -DskipTests) ..."
    mvn -q -pl examples -am package -DskipTests
fi
exec java -javaagent:agent/target/tcpshake.jar=examples/targets.yaml \
    -cp examples/target/tcpshake-examples.jar io.tcpshake.examples.demo.DemoApp "$@"
