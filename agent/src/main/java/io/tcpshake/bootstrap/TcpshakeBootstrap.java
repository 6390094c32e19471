package io.tcpshake.bootstrap;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Optional;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The only class of {@code tcpshake.jar} that the application's class loader can see: {@code Premain-Class},
 * {@code Agent-Class} and {@code Main-Class}. Uses nothing but the JDK.
 *
 * <p>{@code -javaagent} and attach put the whole jar on the system class path. So everything else (tcpshake
 * itself, JNA, simpleclient, SnakeYAML Engine, picocli, gson) is stored under {@code tcpshake-inf/}, with
 * classes renamed to {@code .classdata}, where that loader finds nothing; this class loads it through its own
 * {@link IsolatedLoader}, whose parent is the platform class loader. The application keeps its own versions of
 * those libraries, and tcpshake keeps its own.
 *
 * <p>The host application must never be hurt: {@code premain} and {@code agentmain} return at once, throw
 * nothing and exit nothing; the work runs on the daemon thread {@code tcpshake-start}.
 */
public final class TcpshakeBootstrap {
    /** Where the isolated classes and resources live inside the jar. */
    static final String ISOLATED_PREFIX = "tcpshake-inf/";
    static final String CLASS_SUFFIX = ".classdata";
    static final String AGENT_CLASS = "io.tcpshake.agent.TcpshakeAgent";
    static final String CLI_CLASS = "io.tcpshake.agent.cli.Cli";

    private static final Object LOCK = new Object();
    /**
     * How the running agent was started, or null. The application's class loader loads this class once per
     * JVM however often the agent is attached, so this field tells a second start apart from the first.
     */
    private static String startedBy;
    private static IsolatedLoader loader;

    private TcpshakeBootstrap() {
    }

    /** {@code -javaagent:tcpshake.jar=targets.yaml[,key=value...]}: starts the agent in the background. */
    public static void premain(String agentArgs, Instrumentation instrumentation) {
        start(agentArgs, "-javaagent");
    }

    /** Attach ({@code tcpshake.jar attach <pid> targets.yaml}): the same as {@link #premain}. */
    public static void agentmain(String agentArgs, Instrumentation instrumentation) {
        start(agentArgs, "attach");
    }

    /** The command line: {@code java -jar tcpshake.jar check|validate|attach|version ...}. */
    public static void main(String[] args) throws Throwable {
        Method main;
        try {
            main = isolatedLoader().loadClass(CLI_CLASS).getMethod("main", String[].class);
        } catch (IOException | ReflectiveOperationException e) {
            System.err.println("tcpshake: cannot load its own classes from " + describeJar() + ": " + e
                    + "; the jar is damaged or incomplete: download or build it again");
            System.exit(2);
            return;
        }
        callIsolated(main, (Object) args);
    }

    /**
     * Whether the agent runs in this JVM, and how it was started ({@code -javaagent with 'targets.yaml'} or
     * {@code attach ...}); null when it does not (not loaded, stayed off, or its start failed). Set from
     * {@code premain} on, before the agent's monitor exists: an application (tcpshake's Spring Boot starter)
     * asks it, by reflection, to know that the agent's monitor is the one to show.
     */
    public static String startedBy() {
        synchronized (LOCK) {
            return startedBy;
        }
    }

    private static void start(String agentArgs, String how) {
        try {
            // Without a targets file the agent still runs: it discovers the JVM's dependencies (TcpshakeAgent).
            String args = agentArgs == null ? "" : agentArgs.trim();
            if ("-javaagent".equals(how)) {
                // Attach names its JVM; -javaagent may have come with JAVA_TOOL_OPTIONS into every JVM around.
                String refusal = MainFilter.refusal(args, System.getProperty("sun.java.command"), ownJarPath());
                if (refusal != null) {
                    if (!refusal.isEmpty()) {
                        System.err.println(refusal);
                    }
                    return;
                }
            }
            // No lambda on this path: its first use bootstraps invokedynamic, which costs tens of milliseconds
            // of the application's start-up (measured: 27-57 ms). '+' on strings is plain StringBuilder code
            // here (-XDstringConcat=inline, see pom.xml).
            String startedNow = args.isEmpty() ? how : how + " with '" + args + "'";
            String previous;
            synchronized (LOCK) {
                previous = startedBy;
                if (previous == null) {
                    startedBy = startedNow;
                }
            }
            if (previous != null) {
                System.err.println("tcpshake: already running in this JVM (started by " + previous + "); ignored "
                        + startedNow + ": to change the targets, edit the targets file (it is reloaded) or call"
                        + " the reload operation of the io.tcpshake MBean");
                return;
            }
            Thread thread = new Thread(new AgentStart(args, how), "tcpshake-start");
            thread.setDaemon(true);
            thread.start();
        } catch (Throwable e) {
            // Never let anything out of premain: the JVM would refuse to start the application.
            System.err.println("tcpshake: could not start (" + e + "); the application runs on without it");
        }
    }

    /** The start-up work, on the daemon thread. A class rather than a lambda: see {@link #start}. */
    private static final class AgentStart implements Runnable {
        private final String args;
        private final String how;

        AgentStart(String args, String how) {
            this.args = args;
            this.how = how;
        }

        @Override
        public void run() {
            runAgent(args, how);
        }
    }

    private static void runAgent(String args, String how) {
        boolean running = false;
        try {
            Method start = isolatedLoader().loadClass(AGENT_CLASS).getMethod("start", String.class, String.class);
            running = Boolean.TRUE.equals(callIsolated(start, args, how));
        } catch (Throwable e) {
            System.err.println("tcpshake: could not start (" + e + "); the application runs on without it");
        } finally {
            if (!running) {
                // It stayed off: nothing runs, and a later attach may start it.
                synchronized (LOCK) {
                    startedBy = null;
                }
            }
        }
    }

    /** Calls a static method of the isolated code with that code's class loader as context loader. */
    private static Object callIsolated(Method method, Object... args) throws Throwable {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(method.getDeclaringClass().getClassLoader());
        try {
            return method.invoke(null, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    static IsolatedLoader isolatedLoader() throws IOException {
        synchronized (LOCK) {
            if (loader == null) {
                loader = new IsolatedLoader(ownJar());
            }
            return loader;
        }
    }

    private static File ownJar() throws IOException {
        ProtectionDomain domain = TcpshakeBootstrap.class.getProtectionDomain();
        CodeSource source = domain == null ? null : domain.getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IOException("the location of tcpshake.jar is unknown (no code source)");
        }
        try {
            File file = new File(source.getLocation().toURI());
            if (!file.isFile()) {
                throw new IOException(file + " is not a jar file: run tcpshake from tcpshake.jar");
            }
            return file;
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("the location of tcpshake.jar " + source.getLocation() + " is not a file", e);
        }
    }

    private static String ownJarPath() {
        try {
            return ownJar().getPath();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String describeJar() {
        String path = ownJarPath();
        return path == null ? "tcpshake.jar" : path;
    }

    /**
     * Loads tcpshake and its libraries from {@code tcpshake-inf/} inside the jar. Parent: the platform class
     * loader, so the application's classes (and its JNA or simpleclient) are never seen. Resources are served
     * as ordinary {@code jar:} URLs into the same file, JNA's native library as a file in the user's cache
     * ({@link NativeLibraryCache}), which JNA loads without extracting it.
     */
    static final class IsolatedLoader extends ClassLoader {
        static {
            registerAsParallelCapable();
        }

        /** The JDK's attach API lives in a module of the application class loader (jdk.attach). */
        private static final String ATTACH_PACKAGE_PREFIX = "com.sun.tools.attach.";

        private final JarFile jar;
        private final String jarUrl;
        private final ProtectionDomain domain;
        private NativeLibraryCache nativeLibraries;

        IsolatedLoader(File jarFile) throws IOException {
            super("tcpshake", ClassLoader.getPlatformClassLoader());
            this.jar = new JarFile(jarFile, false);
            URL location = jarFile.toURI().toURL();
            this.jarUrl = location.toExternalForm();
            this.domain = new ProtectionDomain(new CodeSource(location, (Certificate[]) null), null, this, null);
            if (jar.getJarEntry(ISOLATED_PREFIX) == null && jar.getJarEntry(entryOfClass(AGENT_CLASS)) == null) {
                throw new IOException(jarFile + " has no " + ISOLATED_PREFIX + " entries: it is not a complete"
                        + " tcpshake.jar");
            }
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith(ATTACH_PACKAGE_PREFIX)) {
                Optional<Module> attach = ModuleLayer.boot().findModule("jdk.attach");
                if (attach.isPresent() && attach.get().getClassLoader() != null) {
                    return Class.forName(name, resolve, attach.get().getClassLoader());
                }
            }
            return super.loadClass(name, resolve);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            JarEntry entry = jar.getJarEntry(entryOfClass(name));
            if (entry == null) {
                throw new ClassNotFoundException(name);
            }
            byte[] bytes;
            try (InputStream in = jar.getInputStream(entry)) {
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new ClassNotFoundException(name + ": cannot read " + entry.getName() + " from " + jar.getName(), e);
            }
            definePackageOf(name);
            return defineClass(name, bytes, 0, bytes.length, domain);
        }

        /** tcpshake's own packages carry the jar's Implementation-Version, which the CLI shows. */
        private void definePackageOf(String className) {
            int dot = className.lastIndexOf('.');
            String packageName = dot < 0 ? "" : className.substring(0, dot);
            if (!packageName.startsWith("io.tcpshake.") || getDefinedPackage(packageName) != null) {
                return;
            }
            try {
                Manifest manifest = jar.getManifest();
                Attributes main = manifest == null ? new Attributes() : manifest.getMainAttributes();
                String title = main.getValue(Attributes.Name.IMPLEMENTATION_TITLE);
                String version = main.getValue(Attributes.Name.IMPLEMENTATION_VERSION);
                definePackage(packageName, title, version, null, title, version, null, null);
            } catch (IOException | IllegalArgumentException e) {
                // unreadable manifest, or another thread defined the package first: the version is cosmetic
            }
        }

        @Override
        protected URL findResource(String name) {
            String entryName = entryOfResource(name);
            JarEntry entry = jar.getJarEntry(entryName);
            if (entry == null) {
                return null;
            }
            try {
                if (NativeLibraryCache.isJnaLibrary(entryName)) {
                    Path cached = nativeLibraries().fileOf(jar, entry);
                    if (cached != null) {
                        return cached.toUri().toURL();
                    }
                }
                return new URL("jar:" + jarUrl + "!/" + entryName);
            } catch (MalformedURLException e) {
                return null;
            }
        }

        /** Where JNA's native library is kept between runs (see {@link NativeLibraryCache}). */
        private NativeLibraryCache nativeLibraries() {
            synchronized (this) {
                if (nativeLibraries == null) {
                    nativeLibraries = NativeLibraryCache.ofUser();
                }
                return nativeLibraries;
            }
        }

        @Override
        protected Enumeration<URL> findResources(String name) {
            URL url = findResource(name);
            return url == null ? Collections.emptyEnumeration() : Collections.enumeration(Set.of(url));
        }

        static String entryOfClass(String className) {
            return ISOLATED_PREFIX + className.replace('.', '/') + CLASS_SUFFIX;
        }

        static String entryOfResource(String name) {
            String path = name.startsWith("/") ? name.substring(1) : name;
            if (path.endsWith(".class")) {
                path = path.substring(0, path.length() - ".class".length()) + CLASS_SUFFIX;
            }
            return ISOLATED_PREFIX + path;
        }
    }
}
