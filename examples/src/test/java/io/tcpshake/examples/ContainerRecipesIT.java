package io.tcpshake.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The container recipes (docker/agent, docker/serve) and the Kubernetes example that uses them. Nothing here
 * can pull a base image, so each image's files are laid out in a directory as its Dockerfile's COPY lines say,
 * and its entrypoint is run there with the image's paths under that directory.
 */
class ContainerRecipesIT {
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    @Test
    void agentImageCopiesAWorkingJarToWhereTheApplicationLooks(@TempDir Path root) throws Exception {
        Dockerfile image = Dockerfile.read(REPOSITORY.resolve("docker/agent/Dockerfile"));
        image.layOut(REPOSITORY, root);
        List<String> command = image.command();
        assertEquals("cp", command.get(0), "the init container copies the jar: " + command);

        run(rooted(root, command));
        Path copied = root.resolve(relative(command.get(2)));
        assertArrayEquals(Files.readAllBytes(DemoRun.AGENT_JAR), Files.readAllBytes(copied));
        String version = run(List.of(java(), "-jar", copied.toString(), "version"));
        assertTrue(version.startsWith("tcpshake "), version);

        Map<String, Object> pod = podSpec(yaml("deployment.yaml"), "Deployment");
        Map<String, Object> init = only(list(pod, "initContainers"));
        assertTrue(((String) init.get("image")).matches("(.*/)?tcpshake-agent:[^/]+"), init.toString());
        assertTrue(init.get("command") == null && init.get("args") == null, "the image's own entrypoint: " + init);
        String jarVolume = volumeMountedAt(init, Path.of(command.get(2)).getParent().toString());
        Map<String, Object> app = only(list(pod, "containers"));
        assertEquals(jarVolume, volumeMountedAt(app, Path.of(command.get(2)).getParent().toString()));
        String javaToolOptions = env(app, "JAVA_TOOL_OPTIONS");
        assertTrue(javaToolOptions.startsWith("-javaagent:" + command.get(2) + "="), javaToolOptions);
    }

    @Test
    void serveImageRunsTheJarOnTheTargetsFileOfItsConfigMap(@TempDir Path root) throws Exception {
        Dockerfile image = Dockerfile.read(REPOSITORY.resolve("docker/serve/Dockerfile"));
        image.layOut(REPOSITORY, root);
        List<String> command = image.command();
        assertEquals(List.of("java", "-jar"), command.subList(0, 2), command.toString());
        Path jar = root.resolve(relative(command.get(2)));
        assertArrayEquals(Files.readAllBytes(DemoRun.AGENT_JAR), Files.readAllBytes(jar));
        assertEquals("serve", command.get(3), command.toString());
        String targetsFile = command.get(4);
        String usage = run(List.of(java(), "-jar", jar.toString(), "serve", "--help"));
        assertTrue(usage.startsWith("Usage: tcpshake serve ") && usage.contains(" FILE"), usage);

        List<Map<String, Object>> documents = yaml("serve.yaml");
        Map<String, Object> container = only(list(podSpec(documents, "Deployment"), "containers"));
        assertTrue(((String) container.get("image")).matches("(.*/)?tcpshake-serve:[^/]+"), container.toString());
        String configVolume = volumeMountedAt(container, Path.of(targetsFile).getParent().toString());
        Map<String, Object> configMap = documents.stream().filter(d -> "ConfigMap".equals(d.get("kind")))
                .findFirst().orElseThrow();
        String configMapName = (String) map(configMap, "metadata").get("name");
        Map<String, Object> volume = list(podSpec(documents, "Deployment"), "volumes").stream()
                .filter(v -> configVolume.equals(v.get("name"))).findFirst().orElseThrow();
        assertEquals(configMapName, map(volume, "configMap").get("name"));
        String targets = (String) map(configMap, "data").get(Path.of(targetsFile).getFileName().toString());
        assertNotNull(targets, "the ConfigMap has " + targetsFile);

        // The ConfigMap's file is one the jar accepts, with the container's environment.
        Path file = Files.writeString(root.resolve("targets.yaml"), targets);
        ProcessBuilder validate = new ProcessBuilder(java(), "-jar", jar.toString(), "validate", file.toString());
        validate.environment().put("DB_HOST", "127.0.0.1");
        validate.environment().put("REDIS_HOST", "127.0.0.1");
        String output = run(validate);
        assertTrue(output.contains("2 targets"), output);
    }

    /** The instructions of a Dockerfile that say what is in the image and what it runs. */
    static final class Dockerfile {
        private final List<String[]> copies = new ArrayList<>();
        private List<String> entrypoint = List.of();
        private List<String> cmd = List.of();

        static Dockerfile read(Path path) throws IOException {
            Dockerfile dockerfile = new Dockerfile();
            for (String line : Files.readAllLines(path)) {
                String[] words = line.trim().split("\\s+", 2);
                switch (words[0]) {
                    case "COPY":
                        dockerfile.copies.add(words[1].split("\\s+"));
                        break;
                    case "ENTRYPOINT":
                        dockerfile.entrypoint = execForm(words[1]);
                        break;
                    case "CMD":
                        dockerfile.cmd = execForm(words[1]);
                        break;
                    default:
                        break;
                }
            }
            assertTrue(!dockerfile.copies.isEmpty() && !dockerfile.entrypoint.isEmpty(), path + " has COPY and ENTRYPOINT");
            return dockerfile;
        }

        private static List<String> execForm(String json) {
            return StreamSupport.stream(JsonParser.parseString(json).getAsJsonArray().spliterator(), false)
                    .map(e -> e.getAsString()).collect(Collectors.toList());
        }

        /** Copies each COPY source (relative to the build context) to its destination under {@code root}. */
        void layOut(Path context, Path root) throws IOException {
            for (String[] copy : copies) {
                Path target = root.resolve(relative(copy[copy.length - 1]));
                Files.createDirectories(target.getParent());
                Files.copy(context.resolve(copy[0]), target);
            }
        }

        /** ENTRYPOINT followed by CMD, as the container runs them without arguments of its own. */
        List<String> command() {
            List<String> command = new ArrayList<>(entrypoint);
            command.addAll(cmd);
            return command;
        }
    }

    private static List<String> rooted(Path root, List<String> command) throws IOException {
        List<String> rooted = new ArrayList<>();
        for (String word : command) {
            if (word.startsWith("/")) {
                Path path = root.resolve(relative(word));
                Files.createDirectories(path.getParent());
                rooted.add(path.toString());
            } else {
                rooted.add(word);
            }
        }
        return rooted;
    }

    private static String relative(String absolute) {
        return absolute.replaceFirst("^/+", "");
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String run(List<String> command) throws Exception {
        return run(new ProcessBuilder(command));
    }

    private static String run(ProcessBuilder builder) throws Exception {
        Process process = builder.redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), builder.command() + " did not finish: " + output);
        assertEquals(0, process.exitValue(), builder.command() + ": " + output);
        return output;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> yaml(String name) throws IOException {
        Load load = new Load(LoadSettings.builder().build());
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : load.loadAllFromString(Files.readString(Path.of("kubernetes", name)))) {
            documents.add((Map<String, Object>) document);
        }
        return documents;
    }

    private static Map<String, Object> podSpec(List<Map<String, Object>> documents, String kind) {
        Map<String, Object> workload = documents.stream().filter(d -> kind.equals(d.get("kind"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind));
        return map(map(map(workload, "spec"), "template"), "spec");
    }

    /** The name of the volume {@code container} mounts at {@code path}. */
    private static String volumeMountedAt(Map<String, Object> container, String path) {
        return list(container, "volumeMounts").stream().filter(m -> path.equals(m.get("mountPath")))
                .map(m -> (String) m.get("name")).findFirst()
                .orElseThrow(() -> new AssertionError(container.get("name") + " mounts nothing at " + path));
    }

    private static String env(Map<String, Object> container, String name) {
        return list(container, "env").stream().filter(e -> name.equals(e.get("name"))).map(e -> (String) e.get("value"))
                .findFirst().orElseThrow(() -> new AssertionError(container.get("name") + " has no " + name));
    }

    private static Map<String, Object> only(List<Map<String, Object>> items) {
        assertEquals(1, items.size(), items.toString());
        return items.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        return (Map<String, Object>) assertNotNullValue(parent, key);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
        return (List<Map<String, Object>>) assertNotNullValue(parent, key);
    }

    private static Object assertNotNullValue(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertNotNull(value, key + " in " + parent);
        return value;
    }
}
