package io.tcpshake.bootstrap;

import java.io.File;
import java.util.regex.Pattern;

/**
 * Whether the agent starts in this JVM. {@code JAVA_TOOL_OPTIONS} reaches every JVM of an environment: the
 * application's, but also Maven's or Gradle's, {@code javac}, {@code jcmd} and tcpshake's own command line,
 * where a second agent would take the exporter port and serve the wrong process.
 *
 * <p>{@code main=PATTERN} in the agent argument: the agent starts only where the main class or the jar matches
 * (a glob, {@code *} for any characters, alternatives separated by {@code |}: {@code main=com.example.*|app.jar}).
 * Without it, the agent starts everywhere except in JDK tools (a main class of a JDK module or package), in
 * build tools (Maven, Gradle, Ant, sbt and their forked test JVMs), in a JVM without a main class
 * ({@code java -version}) and in tcpshake.jar's own command line. Uses nothing but the JDK, as the bootstrap.
 */
final class MainFilter {
    /** The agent option naming the application: {@code main=PATTERN}. */
    static final String OPTION = "main";

    /** Main classes of JDK tools ({@code javac}, {@code jcmd}, {@code keytool}...) and build tools. */
    private static final String[] TOOL_PREFIXES = {
        "java.", "javax.", "jdk.", "sun.", "com.sun.",
        "org.codehaus.plexus.classworlds.", "org.apache.maven.", "org.gradle.", "worker.org.gradle.",
        "org.apache.tools.ant.", "xsbt.boot.", "sbt.", "org.jetbrains.kotlin.daemon.",
    };

    private MainFilter() {
    }

    /**
     * Why the agent does not start in this JVM, or null when it does.
     *
     * @param agentArgs the agent argument ({@code targets.yaml[,key=value...]})
     * @param javaCommand the launcher's {@code sun.java.command}: the main class or jar, then the arguments;
     *     null when the JVM runs no main class
     * @param ownJar tcpshake.jar's path, or null when unknown
     * @return null to start; "" to stay off silently (a tool's JVM); otherwise the reason, to print
     */
    static String refusal(String agentArgs, String javaCommand, String ownJar) {
        String main = mainOf(javaCommand);
        String pattern = option(agentArgs);
        if (pattern != null) {
            if (matches(pattern, main)) {
                return null;
            }
            return tool(main, ownJar) ? "" : "tcpshake: not started in this JVM: its main "
                    + (main.isEmpty() ? "class is none" : "'" + main + "'") + " does not match " + OPTION + "="
                    + pattern;
        }
        return tool(main, ownJar) ? "" : null;
    }

    /** The value of {@code main=} in the agent argument, or null. */
    static String option(String agentArgs) {
        if (agentArgs == null) {
            return null;
        }
        for (String item : agentArgs.split(",")) {
            int eq = item.indexOf('=');
            if (eq > 0 && item.substring(0, eq).trim().equals(OPTION)) {
                return item.substring(eq + 1).trim();
            }
        }
        return null;
    }

    /** The main class ({@code module/class} for {@code -m}) or jar of {@code sun.java.command}; "" for none. */
    private static String mainOf(String javaCommand) {
        if (javaCommand == null) {
            return "";
        }
        String trimmed = javaCommand.trim();
        int space = trimmed.indexOf(' ');
        return space < 0 ? trimmed : trimmed.substring(0, space);
    }

    private static boolean tool(String main, String ownJar) {
        if (main.isEmpty()) {
            return true;
        }
        if (ownJar != null && main.endsWith(".jar") && new File(main).getAbsoluteFile().equals(new File(ownJar))) {
            return true;
        }
        String className = classOf(main);
        for (String prefix : TOOL_PREFIXES) {
            if (className.startsWith(prefix) || main.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The pattern matches the main class or jar as given, the class without its module, or the jar's name. */
    static boolean matches(String pattern, String main) {
        String className = classOf(main);
        String fileName = new File(main).getName();
        for (String alternative : pattern.split("\\|")) {
            Pattern glob = glob(alternative.trim());
            if (glob.matcher(main).matches() || glob.matcher(className).matches()
                    || glob.matcher(fileName).matches()) {
                return true;
            }
        }
        return false;
    }

    /** {@code jdk.jcmd/sun.tools.jcmd.JCmd} (a main class in a module) without its module; a jar as it is. */
    private static String classOf(String main) {
        return main.endsWith(".jar") ? main : main.substring(main.indexOf('/') + 1);
    }

    private static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        int from = 0;
        for (int star = glob.indexOf('*'); star >= 0; star = glob.indexOf('*', from)) {
            regex.append(Pattern.quote(glob.substring(from, star))).append(".*");
            from = star + 1;
        }
        return Pattern.compile(regex.append(Pattern.quote(glob.substring(from))).toString());
    }
}
