package io.tcpshake.agent.cli;

import io.tcpshake.core.Checker;
import io.tcpshake.core.EngineChoice;
import io.tcpshake.core.EngineInfo;
import io.tcpshake.core.EngineKind;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tcpshake version}: the version, the engine this machine would use (and why), the Java runtime. */
@Command(name = "version", mixinStandardHelpOptions = true,
        description = "Shows tcpshake's version, which check engine runs here (and why), and the Java version.")
public final class VersionCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("tcpshake " + ManifestVersion.version());
        out.println("engine:  " + engine());
        out.println("raw:     " + rawEngine());
        out.println("java:    " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
                + System.getProperty("java.home") + ")");
        out.println("os:      " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        out.flush();
        return 0;
    }

    /** Whether {@code --engine raw} would run the raw engine here, and if not why. */
    static String rawEngine() {
        try (Checker checker = Checker.builder().engine(EngineChoice.RAW).build()) {
            EngineInfo info = checker.engineInfo();
            return info.kind() == EngineKind.RAW ? "available with --engine raw: " + info.description()
                    : "not available: " + info.fallbackReason();
        } catch (RuntimeException | LinkageError e) {
            return "not available: " + e;
        }
    }

    /** What a checker built now would run; building one opens nothing. */
    static String engine() {
        try (Checker checker = Checker.builder().build()) {
            EngineInfo info = checker.engineInfo();
            return info.fallbackReason() == null ? info.description()
                    : info.description() + " (epoll is not available: " + info.fallbackReason() + ")";
        } catch (RuntimeException | LinkageError e) {
            return "none: " + e;
        }
    }
}
