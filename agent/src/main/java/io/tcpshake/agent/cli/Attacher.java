package io.tcpshake.agent.cli;

import java.nio.file.Path;

/**
 * Loads an agent jar into another JVM through the JDK attach API (module {@code jdk.attach}), turning each
 * way it can fail into a message that says what to do. Only {@link JdkAttachApi} touches the attach API, and
 * only after this class saw that the module is there, so the rest of the CLI runs on a JRE without it.
 */
final class Attacher {
    private Attacher() {
    }

    static void load(long pid, Path agentJar, String agentArgs) throws AttachFailedException {
        if (ModuleLayer.boot().findModule("jdk.attach").isEmpty()) {
            throw new AttachFailedException("this Java runtime (" + System.getProperty("java.home") + ") has no"
                    + " attach API (module jdk.attach): run tcpshake attach with a JDK's java, not a JRE's");
        }
        if (pid == ProcessHandle.current().pid()) {
            throw new AttachFailedException("pid " + pid + " is this tcpshake command itself: give the pid of the"
                    + " JVM to monitor from (a JVM attaching to itself needs -Djdk.attach.allowAttachSelf=true)");
        }
        if (ProcessHandle.of(pid).isEmpty()) {
            throw new AttachFailedException("no process has pid " + pid + ": list the running JVMs with jps -l");
        }
        JdkAttachApi.loadInto(pid, agentJar, agentArgs);
    }

    /** tcpshake already runs in the JVM: nothing was loaded. */
    static final class AlreadyRunningException extends AttachFailedException {
        private static final long serialVersionUID = 1L;

        AlreadyRunningException(String message) {
            super(message);
        }
    }

    /** Why attaching did not happen, in words for the user. */
    static class AttachFailedException extends Exception {
        private static final long serialVersionUID = 1L;

        AttachFailedException(String message) {
            super(message);
        }

        AttachFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
