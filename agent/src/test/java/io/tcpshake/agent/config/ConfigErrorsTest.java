package io.tcpshake.agent.config;

import static io.tcpshake.agent.config.Yaml.errors;
import static io.tcpshake.agent.config.Yaml.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad documents and the exact errors a user sees for them, line and column included. */
class ConfigErrorsTest {

    static Stream<Arguments> badDocuments() {
        return Stream.of(
                bad("empty file", "",
                        "targets.yaml:1:1: the file is empty: expected a 'targets:' list, e.g. targets: "
                                + "[\"127.0.0.1:5432\"]"),
                bad("only comments", lines("# nothing here", "   "),
                        "targets.yaml:1:1: the file is empty: expected a 'targets:' list, e.g. targets: "
                                + "[\"127.0.0.1:5432\"]"),
                bad("plain text", lines("hello world"),
                        "targets.yaml:1:1: expected a mapping with a 'targets:' list (and optionally defaults, "
                                + "exporter, otlp, jmx, jfr, reload, discovery, engine), found the value 'hello world'"),
                bad("a list at the top", lines("- 127.0.0.1:1"),
                        "targets.yaml:1:1: expected a mapping with a 'targets:' list (and optionally defaults, "
                                + "exporter, otlp, jmx, jfr, reload, discovery, engine), found a list"),
                bad("broken YAML", lines("targets: [127.0.0.1:1", "exporter: {}"),
                        "targets.yaml:2:9: not valid YAML: expected ',' or ']', but got : (while parsing a flow "
                                + "sequence at 1:10)"),
                bad("bad indentation", lines("targets:", "  - address: 127.0.0.1:1", " interval: 2s"),
                        "targets.yaml:3:2: not valid YAML: expected <block end>, but found '<block mapping start>' "
                                + "(while parsing a block mapping at 1:1)"),
                bad("undefined alias", lines("targets: *nothing"),
                        "targets.yaml:1:10: not valid YAML: found undefined alias nothing"),
                bad("no targets key", lines("exporter: {port: 9464}"),
                        "targets.yaml:1:1: no 'targets:' list: add one with an address per endpoint, e.g. "
                                + "targets: [\"127.0.0.1:5432\"] (or targets: [] for none)"),
                bad("typo with suggestion", lines("targets:", "  - address: 127.0.0.1:1", "    timout: 1s"),
                        "targets.yaml:3:5: unknown key 'timout' (did you mean 'timeout'?)"),
                bad("camelCase key", lines("defaults: {fastInterval: 1s}", "targets: []"),
                        "targets.yaml:1:12: unknown key 'fastInterval' (did you mean 'fast_interval'?)"),
                bad("HAProxy name", lines("defaults: {downinter: 1m}", "targets: []"),
                        "targets.yaml:1:12: unknown key 'downinter' (did you mean 'down_interval'?)"),
                bad("unknown top-level key", lines("target: []"),
                        "targets.yaml:1:1: unknown key 'target' (did you mean 'targets'?)",
                        "targets.yaml:1:1: no 'targets:' list: add one with an address per endpoint, e.g. "
                                + "targets: [\"127.0.0.1:5432\"] (or targets: [] for none)"),
                bad("unknown engine", lines("engine: rwa", "targets: []"),
                        "targets.yaml:1:9: engine 'rwa' is not one of auto, epoll, nio, raw (did you mean 'raw'?)"),
                bad("engine as a block", lines("engine: {kind: raw}", "targets: []"),
                        "targets.yaml:1:9: engine must be a single value, found a mapping"),
                bad("unknown key without a near one", lines("exporter: {path: /metrics}", "targets: []"),
                        "targets.yaml:1:12: unknown key 'path' in exporter: expected one of enabled, host, port, "
                                + "basic_auth, tls, probe, histogram"),
                bad("host and port in a target", lines("targets:", "  - {host: db, port: 5432}"),
                        "targets.yaml:2:5: target has no address: add address: host:port (e.g. address: "
                                + "\"db:5432\")",
                        "targets.yaml:2:6: unknown key 'host': a target's endpoint is one key: address: host:port "
                                + "(e.g. address: \"db:5432\")",
                        "targets.yaml:2:16: unknown key 'port': a target's endpoint is one key: address: "
                                + "host:port (e.g. address: \"db:5432\")"),
                bad("duplicate key", lines("targets: []", "targets: []"),
                        "targets.yaml:2:1: duplicate key 'targets' (first at 1:1)"),
                bad("duration without unit", lines("defaults: {interval: 10}", "targets: []"),
                        "targets.yaml:1:22: interval '10' has no unit: write 10s or 10ms (units: ms, s, m, h)"),
                bad("duration with a fraction", lines("defaults: {timeout: 1.5s}", "targets: []"),
                        "targets.yaml:1:21: timeout '1.5s' has a fraction: write whole numbers of a smaller unit, "
                                + "e.g. 1500ms for 1.5s"),
                bad("duration unknown unit", lines("defaults: {interval: 10 sec}", "targets: []"),
                        "targets.yaml:1:22: interval '10 sec' is not a duration: expected e.g. 500ms, 2s, 1m, 1h "
                                + "or 1m30s"),
                bad("zero interval", lines("defaults: {interval: 0s}", "targets: []"),
                        "targets.yaml:1:22: interval must be more than 0, e.g. 10s"),
                bad("numbers out of range", lines(
                        "targets:",
                        "  - address: 127.0.0.1:80",
                        "    rise: 0",
                        "    fall: three",
                        "    jitter: 60%"),
                        "targets.yaml:3:11: rise 0 is out of range: expected a whole number from 1 to 1000",
                        "targets.yaml:4:11: fall 'three' is not a whole number: expected a whole number from 1 "
                                + "to 1000",
                        "targets.yaml:5:13: jitter '60%' is out of range: expected 0% to 50%"),
                bad("bad choices", lines(
                        "defaults: {addresses: every, ip: v5}",
                        "targets: []"),
                        "targets.yaml:1:23: addresses 'every' is not one of first, any, all",
                        "targets.yaml:1:34: ip 'v5' is not one of system, v4, v6 (did you mean 'v4'?)"),
                bad("exporter port and host", lines(
                        "exporter: {port: 70000, host: '0.0.0.0:9464'}",
                        "targets: []"),
                        "targets.yaml:1:18: port 70000 is out of range: expected 0..65535 (0 = any free port)",
                        "targets.yaml:1:31: host '0.0.0.0:9464' includes a port: write the port under port:, and "
                                + "the host alone (e.g. 0.0.0.0, 127.0.0.1 or ::)"),
                bad("not a boolean", lines("jmx: {enabled: yes}", "jfr: {enabled: 1}", "targets: []"),
                        "targets.yaml:1:16: enabled 'yes' is not true or false",
                        "targets.yaml:2:16: enabled '1' is not true or false"),
                bad("wrong types", lines("exporter: [9464]", "jmx: true", "targets: {a: 1}"),
                        "targets.yaml:1:11: 'exporter' must be a mapping of key: value, found a list",
                        "targets.yaml:2:6: 'jmx' must be a mapping of key: value, found the value 'true'",
                        "targets.yaml:3:10: 'targets' must be a list (lines starting with '- '), found a mapping"),
                bad("a mapping where a value goes", lines("exporter: {port: {number: 1}}", "targets: []"),
                        "targets.yaml:1:18: port must be a single value, found a mapping"),
                bad("a key without a value", lines("targets:", "  - address:"),
                        "targets.yaml:2:5: address has no value"),
                bad("bad addresses", lines(
                        "targets:",
                        "  - address: \"db:99999\"",
                        "  - address: \"::1:80\"",
                        "  - address: 127.0.0.1",
                        "  - \"[db]:80\""),
                        "targets.yaml:2:14: invalid address 'db:99999': port 99999 is out of range 1..65535",
                        "targets.yaml:3:14: invalid address '::1:80': an IPv6 address needs brackets: [::1]:80",
                        "targets.yaml:4:14: invalid address '127.0.0.1': no port: expected host:port, e.g. "
                                + "127.0.0.1:5432",
                        "targets.yaml:5:5: invalid address '[db]:80': 'db' in brackets is not an IPv6 address "
                                + "(e.g. [::1] or [fe80::1%eth0])"),
                bad("empty target", lines("targets:", "  -", "  - 127.0.0.1:1"),
                        "targets.yaml:2:4: empty target: write - address: host:port"),
                bad("duplicate names", lines(
                        "targets:",
                        "  - {name: db, address: 127.0.0.1:1}",
                        "  - {name: db, address: 127.0.0.1:2}",
                        "  - 127.0.0.1:3",
                        "  - address: 127.0.0.1:3"),
                        "targets.yaml:3:12: duplicate target name 'db' (first at 2:12)",
                        "targets.yaml:5:14: duplicate target name '127.0.0.1:3' (first at 4:5): a target without a "
                                + "name is named after its address; give one of them a name"),
                bad("label names", lines(
                        "targets:",
                        "  - address: 127.0.0.1:80",
                        "    labels: {tier-1: a, __x: b, job: c, 1st: d, ok: e, empty: }"),
                        "targets.yaml:3:14: label name 'tier-1' is not a Prometheus label name: use letters, "
                                + "digits and _, not starting with a digit",
                        "targets.yaml:3:25: label name '__x' starts with __, which Prometheus reserves for itself",
                        "targets.yaml:3:33: label name 'job' is used by tcpshake or Prometheus (target, source, "
                                + "outcome, address, le, instance, job): choose another name",
                        "targets.yaml:3:41: label name '1st' is not a Prometheus label name: use letters, digits "
                                + "and _, not starting with a digit",
                        "targets.yaml:3:56: label 'empty' has no value (write '' for an empty one)"),
                bad("labels as a list", lines("targets:", "  - {address: 127.0.0.1:80, labels: [a, b]}"),
                        "targets.yaml:2:37: labels must be a mapping of key: value, found a list"),
                bad("timeout longer than the interval", lines(
                        "defaults: {timeout: 5s, interval: 2s}",
                        "targets:",
                        "  - {address: 127.0.0.1:1, interval: 10s}",
                        "  - {address: 127.0.0.1:2, fast_interval: 10s, timeout: 20s}"),
                        "targets.yaml:1:21: timeout 5s is longer than interval 2s: the next check would be due "
                                + "before this one times out; lower timeout or raise interval",
                        "targets.yaml:4:57: timeout 20s is longer than interval 2s: the next check would be due "
                                + "before this one times out; lower timeout or raise interval"),
                bad("unset variable", lines("targets:", "  - address: ${DB_HOST}:5432"),
                        "targets.yaml:2:14: environment variable DB_HOST is not set: set it, or give a default "
                                + "with ${DB_HOST:-value}"),
                bad("unclosed variable", lines("targets:", "  - address: \"${DB_HOST:5432\""),
                        "targets.yaml:2:14: '${DB_HOST:5432' has no closing }: write ${NAME} or ${NAME:-default} "
                                + "(or $$ for a literal $)"),
                bad("bad variable name", lines("targets:", "  - address: \"${DB-HOST}:5432\""),
                        "targets.yaml:2:14: '${DB-HOST}' is not a variable reference: write ${NAME} or "
                                + "${NAME:-default}, NAME made of letters, digits and _"),
                bad("explicit tags", lines(
                        "targets:",
                        "  - !!python/object:os.system {address: 127.0.0.1:1}",
                        "  - address: !!binary aGVsbG8="),
                        "targets.yaml:2:5: tag !!python/object:os.system is not supported: tcpshake reads plain "
                                + "values, lists and mappings only",
                        "targets.yaml:3:14: tag !!binary is not supported: tcpshake reads plain values, lists and "
                                + "mappings only"),
                bad("plain password", lines(
                        "exporter:",
                        "  basic_auth: {username: prom, password: secret}",
                        "targets: []"),
                        "targets.yaml:2:15: basic_auth needs password_sha256 or password_bcrypt (the hash of the "
                                + "password, never the password itself)",
                        "targets.yaml:2:32: unknown key 'password': a plain password is not accepted (it would sit "
                                + "in the file and in memory): give password_sha256 (printf %s 'secret' | sha256sum) "
                                + "or password_bcrypt (htpasswd -nbBC 10 '' 'secret' | cut -d: -f2)"),
                bad("bad hashes", lines(
                        "exporter:",
                        "  basic_auth: {username: 'a:b', password_sha256: secret}",
                        "targets: []"),
                        "targets.yaml:2:26: username must not contain ':' (basic auth separates user and password "
                                + "with it)",
                        "targets.yaml:2:50: password_sha256 must be the 64 hex digits of a SHA-256 hash (printf %s "
                                + "'secret' | sha256sum), found 6 characters"),
                bad("bcrypt hashes the endpoint would refuse at start", lines(
                        "exporter:",
                        "  basic_auth:",
                        "    username: prom",
                        "    password_bcrypt: '$2b$31$abcdefghijklmnopqrstuuoBpIrM0OnplXjsOI8DWYJTHUhJDuUv.'",
                        "targets: []"),
                        "targets.yaml:4:22: password_bcrypt must be a bcrypt hash such as $2b$10$ followed by 53 "
                                + "characters (htpasswd -nbBC 10 '' 'secret' | cut -d: -f2)"),
                bad("both hashes", lines(
                        "exporter:",
                        "  basic_auth:",
                        "    username: prom",
                        "    password_sha256: 2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b",
                        "    password_bcrypt: x",
                        "targets: []"),
                        "targets.yaml:5:22: give password_sha256 or password_bcrypt, not both"),
                bad("tls without password", lines(
                        "exporter:",
                        "  tls: {keystore: /nonexistent/server.p12}",
                        "targets: []"),
                        "targets.yaml:2:8: tls needs the keystore's password: password: ${TLS_KEYSTORE_PASSWORD}",
                        "targets.yaml:2:19: keystore /nonexistent/server.p12 does not exist (a relative path is "
                                + "relative to the directory of the file)"),
                bad("merged anchor with a typo, reported once", lines(
                        "x-common: &common {interval: 2s, intreval: 3s}",
                        "targets:",
                        "  - {<<: *common, address: 127.0.0.1:1}",
                        "  - {<<: *common, address: 127.0.0.1:2}"),
                        "targets.yaml:1:34: unknown key 'intreval' (did you mean 'interval'?)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badDocuments")
    void badDocumentIsReportedWithLineAndColumn(String description, String document, List<String> expected) {
        assertEquals(expected, errors(document));
    }

    @Test
    void everyErrorIsReportedAtOnceInFileOrder() {
        String doc = lines(
                "defaults:",
                "  interval: 10",
                "exporter: {port: -1}",
                "targets:",
                "  - address: 127.0.0.1",
                "    timout: 1s",
                "  - {address: 127.0.0.1:2, labels: {job: x}}",
                "jfr: {enabled: maybe}");

        List<String> errors = errors(doc, Map.of("prot", "9465"), Map.of());

        assertEquals(List.of(
                "agent option 'prot=9465': unknown option 'prot' (did you mean 'port'?)",
                "targets.yaml:2:13: interval '10' has no unit: write 10s or 10ms (units: ms, s, m, h)",
                "targets.yaml:3:18: port -1 is out of range: expected 0..65535 (0 = any free port)",
                "targets.yaml:5:14: invalid address '127.0.0.1': no port: expected host:port, e.g. 127.0.0.1:5432",
                "targets.yaml:6:5: unknown key 'timout' (did you mean 'timeout'?)",
                "targets.yaml:7:37: label name 'job' is used by tcpshake or Prometheus (target, source, outcome, "
                        + "address, le, instance, job): choose another name",
                "targets.yaml:8:16: enabled 'maybe' is not true or false"), errors);
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> ConfigLoader.parse(doc, "targets.yaml", Map.of(), Map.of()));
        assertEquals(String.join("\n", e.errors()), e.getMessage());
    }

    @Test
    void badAgentOptionsNameTheOption() {
        assertEquals(List.of(
                "agent option 'interval=5s': unknown option 'interval': expected one of port, host, exporter, jmx, "
                        + "jfr, reload, discovery, engine, or a dotted setting such as exporter.port or defaults.interval",
                "agent option 'defaults.intervall=5s': unknown option 'defaults.intervall' (did you mean "
                        + "'defaults.interval'?)",
                "agent option 'port=abc': port 'abc' is not a whole number: expected 0..65535 (0 = any free port)",
                "agent option 'jfr=nope': jfr 'nope' is not true or false",
                "agent option 'engine=fast': engine 'fast' is not one of auto, epoll, nio, raw"),
                errors("targets: []\n", orderedMap("port", "abc", "jfr", "nope", "interval", "5s",
                        "defaults.intervall", "5s", "engine", "fast"), Map.of()));
    }

    @Test
    void aliasBombIsRefusedQuickly() {
        StringBuilder bomb = new StringBuilder("x-a0: &a0 [x, x]\n");
        for (int i = 1; i < 40; i++) {
            bomb.append("x-a").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a")
                    .append(i - 1).append("]\n");
        }
        bomb.append("targets: *a39\n");

        List<String> errors = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> errors(bomb.toString()));

        assertEquals(List.of("targets.yaml:1:1: not usable YAML: Number of aliases for non-scalar nodes exceeds "
                + "the specified max=50"), errors);
    }

    @Test
    void deepNestingIsAnErrorNotACrash() {
        String deep = "targets: " + "[".repeat(50_000);

        assertEquals(List.of("targets.yaml:1:1: not usable YAML: lists or mappings nest too deep"), errors(deep));
    }

    /** The YAML reader once copied its whole window at every 1 KiB read: 2 GB for a 1 MiB value. */
    @Test
    void valueOverTheLimitIsAnErrorAtItsPlace() {
        String name = "n".repeat(1024 * 1024);

        List<String> errors = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> errors(lines("targets:", "  - {name: " + name + ", address: \"127.0.0.1:1\"}")));

        assertEquals(List.of("targets.yaml:2:12: name is 1048576 characters long: a value may have at most 4096"),
                errors);
    }

    @Test
    void environmentVariablesCannotMakeAValueHuge() {
        Map<String, String> environment = Map.of("BIG", "x".repeat(3000));

        assertEquals(List.of("targets.yaml:2:15: environment variables make the value longer than 4096 characters:"
                        + " substitute a shorter value"),
                errors(lines("targets:", "  - {address: \"${BIG}${BIG}:1\"}"), Map.of(), environment));
    }

    /** A variable used in every value could otherwise make a file of 2 MB hold gigabytes. */
    @Test
    void environmentVariablesCannotMakeTheFileHuge() {
        Map<String, String> environment = Map.of("BIG", "x".repeat(4000));
        StringBuilder yaml = new StringBuilder("targets:\n");
        for (int i = 0; i < 600; i++) {
            yaml.append("  - {address: \"127.0.0.1:").append(i + 1).append("\", labels: {l: \"${BIG}\"}}\n");
        }

        List<String> errors = errors(yaml.toString(), Map.of(), environment);

        assertTrue(errors.contains("targets.yaml:527:44: label 'l': environment variables make the file's values longer than"
                + " 2097152 characters in all: substitute shorter values"), String.join("\n", errors));
    }

    @Test
    void documentWithTooManyNodesIsRefusedAtTheFirstOnePast() {
        String many = "targets: [" + "a,".repeat(ConfigLoader.MAX_NODES) + "a]\n";

        // The mapping, the key and the list are the first three nodes.
        assertEquals(List.of("targets.yaml:1:" + (11 + 2 * (ConfigLoader.MAX_NODES - 3)) + ": more than 120000 values,"
                + " lists and mappings, the most a targets file may hold (about 10,000 targets): is it the right"
                + " file?"), errors(many));
    }

    @Test
    void aThousandErrorsAreCutToTheFirstHundredAndACount() {
        String bad = "targets: [" + "a,".repeat(999) + "a]\n";

        List<String> errors = errors(bad);

        assertEquals(Problems.MAX_REPORTED + 1, errors.size());
        assertEquals("targets.yaml:1:11: invalid address 'a': no port: expected host:port, e.g. 127.0.0.1:5432",
                errors.get(0));
        assertEquals("targets.yaml: 900 more errors not shown: fix the ones above first", errors.get(100));
    }

    private static Arguments bad(String description, String document, String... expected) {
        return Arguments.of(description, document, List.of(expected));
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
