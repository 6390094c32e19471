package io.tcpshake.agent.config;

import static io.tcpshake.agent.config.Yaml.lines;
import static io.tcpshake.agent.config.Yaml.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.core.EngineChoice;
import io.tcpshake.core.monitor.AddressPolicy;
import io.tcpshake.core.monitor.IpPreference;
import io.tcpshake.core.monitor.Target;
import io.tcpshake.core.monitor.TargetSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    @Test
    void issueExampleParses() throws Exception {
        AgentConfig config = ConfigLoader.parse(resource("issue-example.yaml"), "issue-example.yaml", Map.of(),
                Map.of());

        assertEquals(2, config.targets().size());
        Target postgres = config.targets().get(0);
        assertEquals("postgres", postgres.name());
        assertEquals("db.internal", postgres.endpoint().host());
        assertEquals(5432, postgres.endpoint().port());
        assertEquals(Map.of("tier", "db"), postgres.labels());
        Target redis = config.targets().get(1);
        assertEquals("[::1]:6379", redis.name());
        assertEquals("::1", redis.endpoint().host());
        assertEquals(Duration.ofSeconds(2), redis.interval());
        assertEquals(Duration.ofSeconds(1), redis.timeout());
        assertEquals("0.0.0.0", config.exporter().host());
        assertEquals(9464, config.exporter().port());
        assertTrue(config.jmxEnabled());
        assertTrue(config.jfrEnabled());
    }

    @Test
    void aTargetReadFromTheFileIsTheTargetALibraryUserBuildsFromTheSameText() throws Exception {
        AgentConfig config = parse(lines("targets:", "  - address: \"[0:0:0:0:0:0:0:1]:6379\"",
                "  - {name: db, address: db.internal:5432, interval: 2s, labels: {tier: db}}"));

        assertEquals(List.of(Target.builder("[0:0:0:0:0:0:0:1]:6379").build(),
                Target.builder("db.internal:5432").name("db").interval(Duration.ofSeconds(2)).label("tier", "db")
                        .build()), config.targets());
        assertEquals("[0:0:0:0:0:0:0:1]:6379", config.targets().get(0).name(), "named as written");
    }

    @Test
    void minimalFileGetsEveryDefault() throws Exception {
        AgentConfig config = parse(lines("targets:", "  - address: 127.0.0.1:5432"));

        Target t = config.targets().get(0);
        assertEquals("127.0.0.1:5432", t.name());
        assertEquals(Duration.ofSeconds(10), t.interval());
        assertEquals(Duration.ofSeconds(10), t.fastInterval());
        assertEquals(Duration.ofSeconds(10), t.downInterval());
        assertEquals(Duration.ofSeconds(1), t.timeout());
        assertEquals(2, t.rise());
        assertEquals(3, t.fall());
        assertEquals(0.10, t.jitter());
        assertEquals(null, t.initialDelay());
        assertEquals(AddressPolicy.FIRST, t.addressPolicy());
        assertEquals(IpPreference.SYSTEM, t.ipPreference());
        assertEquals(Map.of(), t.labels());
        assertFalse(t.critical());
        assertEquals(ExporterSettings.DEFAULT, config.exporter());
        assertEquals("127.0.0.1", config.exporter().host());
        assertEquals(9464, config.exporter().port());
        assertTrue(config.exporter().enabled());
        assertEquals(Optional.empty(), config.exporter().basicAuth());
        assertEquals(Optional.empty(), config.exporter().tls());
        assertTrue(config.jmxEnabled());
        assertTrue(config.jfrEnabled());
        assertEquals(Duration.ofSeconds(5), config.reloadInterval());
        assertEquals(TargetSettings.DEFAULTS, config.defaults());
    }

    @Test
    void everyKeyIsRead() throws Exception {
        AgentConfig config = ConfigLoader.parse(resource("full.yaml"), "full.yaml", Map.of(), Map.of());

        TargetSettings d = config.defaults();
        assertEquals(Duration.ofSeconds(30), d.interval());
        assertEquals(Duration.ofSeconds(2), d.timeout());
        assertEquals(1, d.rise());
        assertEquals(5, d.fall());
        assertEquals(0.20, d.jitter(), 1e-9);
        assertEquals(Duration.ofSeconds(5), d.fastInterval());
        assertEquals(Duration.ofMinutes(1), d.downInterval());
        assertEquals(Duration.ZERO, d.initialDelay());
        assertEquals(AddressPolicy.ANY, d.addressPolicy());
        assertEquals(IpPreference.IPV6, d.ipPreference());
        assertEquals(Map.of("env", "prod", "team", "core"), d.labels());

        Target postgres = config.targets().get(0);
        assertEquals("postgres", postgres.name());
        assertEquals("127.0.0.1:5432", postgres.endpoint().toString());
        assertEquals(Duration.ofSeconds(30), postgres.interval());
        assertEquals(Duration.ofSeconds(5), postgres.fastInterval());
        assertEquals(Duration.ofMinutes(1), postgres.downInterval());
        assertEquals(Duration.ZERO, postgres.initialDelay());
        assertEquals(Map.of("env", "prod", "team", "data", "tier", "db"), postgres.labels(),
                "a target's own label wins over the default of the same name");
        assertTrue(postgres.critical());

        Target redis = config.targets().get(1);
        assertEquals(Duration.ofSeconds(2), redis.interval(), "merged from the x-fast anchor");
        assertEquals(Duration.ofMillis(500), redis.timeout());
        assertEquals(3, redis.rise());
        assertEquals(5, redis.fall());
        assertEquals(AddressPolicy.ALL, redis.addressPolicy());
        assertEquals(IpPreference.SYSTEM, redis.ipPreference());
        assertFalse(redis.critical());

        Target web = config.targets().get(2);
        assertEquals("127.0.0.1:8080", web.name(), "a bare string is a target's address");
        assertEquals(Duration.ofSeconds(30), web.interval());

        ExporterSettings exporter = config.exporter();
        assertEquals("::", exporter.host());
        assertEquals(0, exporter.port());
        BasicAuthSettings auth = exporter.basicAuth().orElseThrow();
        assertEquals("prometheus", auth.username());
        assertEquals(BasicAuthSettings.HashKind.SHA256, auth.hashKind());
        assertEquals("2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b", auth.passwordHash());
        assertFalse(auth.toString().contains(auth.passwordHash()), "the hash is never shown");
        assertFalse(config.jmxEnabled());
        assertFalse(config.jfrEnabled());
        assertEquals(Duration.ofSeconds(90), config.reloadInterval());
    }

    @Test
    void environmentVariablesAreSubstitutedInValues() throws Exception {
        String doc = lines(
                "exporter: {port: \"${METRICS_PORT:-9464}\"}",
                "targets:",
                "  - name: ${NAME}",
                "    address: ${DB_HOST}:${DB_PORT:-5432}",
                "    labels: {region: \"${REGION:-local}\", price: \"$$5 and $9\"}");
        AgentConfig config = ConfigLoader.parse(doc, "targets.yaml", Map.of(),
                Map.of("NAME", "db", "DB_HOST", "127.0.0.2", "METRICS_PORT", "9500", "REGION", ""));

        Target t = config.targets().get(0);
        assertEquals("db", t.name());
        assertEquals("127.0.0.2:5432", t.endpoint().toString());
        assertEquals(Map.of("region", "local", "price", "$5 and $9"), t.labels(),
                "an empty variable takes the default; $$ is a literal $ and a lone $ stays");
        assertEquals(9500, config.exporter().port());
    }

    @Test
    void targetsWithTheSameSettingsOrHostShareOneValueOfThem() throws Exception {
        AgentConfig config = Yaml.parse(lines(
                "defaults: {interval: 5s}",
                "targets:",
                "  - {address: \"db.internal:5432\", labels: {team: a, tier: x}}",
                "  - {address: \"db.internal:6432\", labels: {team: a, tier: x}}",
                "  - {address: \"cache:6379\", labels: {tier: x, team: a}}",
                "  - {address: \"cache:6380\"}",
                "  - {address: \"127.0.0.1:1\"}"));
        List<Target> t = config.targets();

        assertSame(t.get(0).settings(), t.get(1).settings(), "the same labels in the same order");
        assertNotSame(t.get(0).settings(), t.get(2).settings(), "the labels' order is kept for each");
        assertEquals(List.of("tier", "team"), List.copyOf(t.get(2).labels().keySet()));
        assertSame(t.get(3).settings(), t.get(4).settings(), "the defaults");
        assertSame(t.get(0).endpoint().host(), t.get(1).endpoint().host());
        assertSame(t.get(2).endpoint().host(), t.get(3).endpoint().host());
        assertEquals("db.internal:6432", t.get(1).endpoint().toString());
        assertEquals(6380, t.get(3).endpoint().port());
    }

    @Test
    void agentOptionsOverrideTheFile() throws Exception {
        String doc = lines(
                "exporter: {port: 9464, host: 127.0.0.1}",
                "jmx: {enabled: true}",
                "targets: [\"127.0.0.1:1\"]");
        AgentConfig config = ConfigLoader.parse(doc, "targets.yaml",
                Map.of("port", "9465", "host", "0.0.0.0", "jmx", "false", "jfr", "false", "reload", "0",
                        "defaults.interval", "30s", "defaults.rise", "4"),
                Map.of());

        assertEquals(9465, config.exporter().port());
        assertEquals("0.0.0.0", config.exporter().host());
        assertFalse(config.jmxEnabled());
        assertFalse(config.jfrEnabled());
        assertEquals(Duration.ZERO, config.reloadInterval());
        assertEquals(Duration.ofSeconds(30), config.targets().get(0).interval());
        assertEquals(4, config.targets().get(0).rise());
    }

    @Test
    void engineIsAutoUnlessTheFileOrAnAgentOptionNamesOne() throws Exception {
        assertEquals(EngineChoice.AUTO, parse(lines("targets: []")).engine());
        assertEquals(EngineChoice.RAW, parse(lines("engine: RAW", "targets: []")).engine());
        assertEquals(EngineChoice.NIO, ConfigLoader.parse(lines("engine: raw", "targets: []"), "targets.yaml",
                Map.of("engine", "nio"), Map.of()).engine(), "the option wins over the file");
    }

    @Test
    void dottedAgentOptionsReachEveryBlock() throws Exception {
        AgentConfig config = ConfigLoader.parse(lines("targets: []"), "targets.yaml",
                Map.of("exporter.port", "0", "exporter.enabled", "false", "jmx.enabled", "false",
                        "reload.interval", "1s"),
                Map.of());

        assertEquals(0, config.exporter().port());
        assertFalse(config.exporter().enabled());
        assertFalse(config.jmxEnabled());
        assertEquals(Duration.ofSeconds(1), config.reloadInterval());
        assertEquals(List.of(), config.targets());
    }

    @Test
    void bcryptHashIsAccepted() throws Exception {
        String hash = "$2b$10$" + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0";
        AgentConfig config = parse(lines(
                "exporter:",
                "  basic_auth: {username: prom, password_bcrypt: '" + hash + "'}",
                "targets: []"));

        BasicAuthSettings auth = config.exporter().basicAuth().orElseThrow();
        assertEquals(BasicAuthSettings.HashKind.BCRYPT, auth.hashKind());
        assertEquals(hash, auth.passwordHash());
    }

    @Test
    void theSameFileGivesAnEqualConfigAndAChangeDoesNot() throws Exception {
        String doc = lines("targets:", "  - {name: a, address: 127.0.0.1:1, labels: {x: y}}");
        assertEquals(parse(doc), parse(doc));
        assertEquals(parse(doc).hashCode(), parse(doc).hashCode());
        assertNotEquals(parse(doc), parse(doc.replace("127.0.0.1:1", "127.0.0.1:2")));
        assertNotEquals(parse(doc), parse("exporter: {port: 1}\n" + doc));
    }

    @Test
    void anEmptyTargetListIsValid() throws Exception {
        assertEquals(List.of(), parse("targets: []\n").targets());
        assertEquals(List.of(), parse("targets:\n").targets());
    }

    static String resource(String name) throws IOException {
        try (InputStream in = ConfigLoaderTest.class.getResourceAsStream("/config/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
