package io.tcpshake.agent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.jar.Manifest;
import picocli.CommandLine.IVersionProvider;

/**
 * The tcpshake version: {@code Implementation-Version} of the jar this class was loaded from, or
 * {@code dev} when run from classes (an IDE, the build's tests).
 */
public final class ManifestVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"tcpshake " + version()};
    }

    /** The version, e.g. {@code 0.1.0-SNAPSHOT}, or {@code dev}. */
    public static String version() {
        Package pkg = ManifestVersion.class.getPackage();
        if (pkg != null && pkg.getImplementationVersion() != null) {
            return pkg.getImplementationVersion();
        }
        String fromManifest = ownManifestVersion();
        return fromManifest != null ? fromManifest : "dev";
    }

    // A class loader that reads nested jars may not define packages with manifest attributes; the
    // manifest next to this class's own resource is found for any URL scheme whose root is a prefix.
    private static String ownManifestVersion() {
        String classFile = ManifestVersion.class.getName().replace('.', '/') + ".class";
        URL self = ManifestVersion.class.getClassLoader() == null ? null
                : ManifestVersion.class.getClassLoader().getResource(classFile);
        if (self == null || !self.toString().endsWith(classFile)) {
            return null;
        }
        String root = self.toString().substring(0, self.toString().length() - classFile.length());
        try (InputStream in = new URL(root + "META-INF/MANIFEST.MF").openStream()) {
            return new Manifest(in).getMainAttributes().getValue("Implementation-Version");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
