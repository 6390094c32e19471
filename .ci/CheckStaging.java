import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Checks a staging repository made by {@code mvn deploy -DaltDeploymentRepository=staging::file://DIR}
 * against what a public Maven repository requires: every module of the root pom that is deployed (not
 * {@code maven.deploy.skip}) is there with its POM, jar, sources jar and javadoc jar; each POM, with what it
 * inherits from tcpshake-parent, has name, description, url, licenses, scm and developers; each jar carries
 * META-INF/LICENSE and an Automatic-Module-Name of its own; and the root pom manages no dependency that no
 * module uses.
 *
 * <p>Run: {@code java .ci/CheckStaging.java target/staging} from the repository's root. Exit 1 on a problem.
 */
public class CheckStaging {
    private static final String GROUP_PATH = "io/tcpshake";
    private static final List<String> problems = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        Path staging = Paths.get(args.length > 0 ? args[0] : "target/staging").toAbsolutePath();
        Element root = parse(Paths.get("pom.xml"));
        String version = text(root, "version");
        Element parent = artifact(staging, "tcpshake-parent", version, "pom").map(CheckStaging::parse).orElse(null);
        if (parent == null) {
            problem("tcpshake-parent: no POM in " + staging);
        }
        Map<String, String> moduleNames = new HashMap<>();
        List<Element> modulePoms = new ArrayList<>();
        for (Element module : children(child(root, "modules"), "module")) {
            Element pom = parse(Paths.get(module.getTextContent().trim(), "pom.xml"));
            modulePoms.add(pom);
            String artifactId = text(pom, "artifactId");
            Element properties = child(pom, "properties");
            boolean skipped = properties != null && "true".equals(text(properties, "maven.deploy.skip"));
            Path dir = staging.resolve(GROUP_PATH).resolve(artifactId).resolve(version);
            if (skipped) {
                if (Files.isDirectory(dir)) {
                    problem(artifactId + ": maven.deploy.skip is set, but it was deployed to " + dir);
                }
                continue;
            }
            checkModule(staging, artifactId, version, parent, moduleNames);
        }
        checkDependencyManagement(root, modulePoms);
        if (problems.isEmpty()) {
            System.out.println("staging repository " + staging + ": every deployed module complete ("
                    + String.join(", ", moduleNames.keySet().stream().sorted().collect(Collectors.toList())) + ")");
            return;
        }
        problems.forEach(p -> System.out.println("staging: " + p));
        System.exit(1);
    }

    private static void checkModule(Path staging, String artifactId, String version, Element parent,
            Map<String, String> moduleNames) throws IOException {
        Element pom = artifact(staging, artifactId, version, "pom").map(CheckStaging::parse).orElse(null);
        if (pom == null) {
            problem(artifactId + ": no POM");
            return;
        }
        for (String element : List.of("name", "description")) {
            if (text(pom, element).isEmpty()) {
                problem(artifactId + ": the POM has no <" + element + "> of its own");
            }
        }
        for (String element : List.of("url", "licenses", "scm", "developers")) {
            if (child(pom, element) == null && (parent == null || child(parent, element) == null)) {
                problem(artifactId + ": no <" + element + "> in its POM nor in tcpshake-parent's");
            }
        }
        for (String classifier : List.of("sources", "javadoc")) {
            if (artifact(staging, artifactId, version, classifier + ".jar").isEmpty()) {
                problem(artifactId + ": no " + classifier + " jar");
            }
        }
        Path jar = artifact(staging, artifactId, version, "jar").orElse(null);
        if (jar == null) {
            problem(artifactId + ": no jar");
            return;
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            if (file.getEntry("META-INF/LICENSE") == null) {
                problem(artifactId + ": " + jar.getFileName() + " has no META-INF/LICENSE");
            }
            String moduleName = file.getManifest() == null ? null
                    : file.getManifest().getMainAttributes().getValue("Automatic-Module-Name");
            if (moduleName == null || moduleName.equals("io.tcpshake")) {
                problem(artifactId + ": " + jar.getFileName() + " has no Automatic-Module-Name of its own ("
                        + moduleName + "): set tcpshake.module.name in its pom.xml");
            } else if (moduleNames.containsValue(moduleName)) {
                problem(artifactId + ": Automatic-Module-Name " + moduleName + " is another module's too");
            }
            moduleNames.put(artifactId, moduleName);
        }
    }

    /** Every dependency the root pom manages (BOM imports aside) is one a module depends on. */
    private static void checkDependencyManagement(Element root, List<Element> modulePoms) {
        Element managed = child(child(root, "dependencyManagement"), "dependencies");
        if (managed == null) {
            return;
        }
        for (Element dependency : children(managed, "dependency")) {
            if ("import".equals(text(dependency, "scope"))) {
                continue;
            }
            String groupId = text(dependency, "groupId");
            String artifactId = text(dependency, "artifactId");
            boolean used = modulePoms.stream().anyMatch(pom -> dependsOn(pom, groupId, artifactId));
            if (!used) {
                problem("pom.xml: dependencyManagement has " + groupId + ":" + artifactId
                        + ", which no module depends on: remove it");
            }
        }
    }

    private static boolean dependsOn(Element pom, String groupId, String artifactId) {
        Element dependencies = child(pom, "dependencies");
        return dependencies != null && children(dependencies, "dependency").stream()
                .anyMatch(d -> groupId.equals(text(d, "groupId")) && artifactId.equals(text(d, "artifactId")));
    }

    /** The newest file of an artifact: {@code artifactId-version[-timestamp-n][-classifier].suffix}. */
    private static java.util.Optional<Path> artifact(Path staging, String artifactId, String version, String suffix)
            throws IOException {
        Path dir = staging.resolve(GROUP_PATH).resolve(artifactId).resolve(version);
        if (!Files.isDirectory(dir)) {
            return java.util.Optional.empty();
        }
        String base = version.replace("-SNAPSHOT", "");
        String pattern = java.util.regex.Pattern.quote(artifactId + "-" + base)
                + "(-SNAPSHOT|-[0-9]{8}\\.[0-9]{6}-[0-9]+)?" + (suffix.contains(".") ? "-" : "\\.")
                + java.util.regex.Pattern.quote(suffix);
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches(pattern)).max(Path::compareTo);
        }
    }

    private static Element parse(Path file) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document = factory.newDocumentBuilder().parse(file.toFile());
            return document.getDocumentElement();
        } catch (Exception e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }

    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element && ((Element) node).getTagName().equals(name)) {
                return (Element) node;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element && ((Element) node).getTagName().equals(name)) {
                found.add((Element) node);
            }
        }
        return found;
    }

    private static String text(Element parent, String name) {
        Element element = child(parent, name);
        return element == null ? "" : element.getTextContent().trim();
    }

    private static void problem(String message) {
        problems.add(message);
    }
}
