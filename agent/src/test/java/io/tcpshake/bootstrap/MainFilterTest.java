package io.tcpshake.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where the agent starts when JAVA_TOOL_OPTIONS brings it into every JVM: a table of launches. */
class MainFilterTest {
    private static final String OWN_JAR = "/opt/tcpshake/tcpshake.jar";

    @ParameterizedTest(name = "''{1}'' with ''{0}'' -> {2}")
    @CsvSource(delimiter = ';', nullValues = "NULL", value = {
            // no main=: everywhere but in tools
            "t.yaml ; com.example.App --server.port=8080                        ; start",
            "t.yaml ; /srv/app.jar --spring.profiles.active=prod                ; start",
            "t.yaml ; com.example/com.example.App                               ; start",
            "t.yaml ; org.codehaus.plexus.classworlds.launcher.Launcher spring-boot:run ; silent",
            "t.yaml ; org.apache.maven.surefire.booter.ForkedBooter /tmp/x 1     ; silent",
            "t.yaml ; org.gradle.launcher.daemon.bootstrap.GradleDaemon 8.5      ; silent",
            "t.yaml ; worker.org.gradle.process.internal.worker.GradleWorkerMain 'Gradle Test Executor 1' ; silent",
            "t.yaml ; jdk.jcmd/sun.tools.jcmd.JCmd -l                           ; silent",
            "t.yaml ; jdk.compiler/com.sun.tools.javac.Main -version            ; silent",
            "t.yaml ; java.base/sun.security.tools.keytool.Main -help           ; silent",
            "t.yaml ; NULL                                                      ; silent",
            "t.yaml ; /opt/tcpshake/tcpshake.jar check -a 127.0.0.1:5432         ; silent",
            // main=: only where it matches, quietly in tools, with a line elsewhere
            "t.yaml,main=com.example.*           ; com.example.App             ; start",
            "t.yaml,main=com.example.*           ; com.example/com.example.App ; start",
            "t.yaml,main=app.jar                 ; /srv/app.jar --x            ; start",
            "t.yaml,main=/srv/*.jar              ; /srv/app.jar                ; start",
            "t.yaml,main=com.other.Main|app.jar  ; /srv/app.jar                ; start",
            "t.yaml,main=com.example.*           ; com.other.Sidecar           ; tcpshake: not started in this JVM: its main 'com.other.Sidecar' does not match main=com.example.*",
            "t.yaml,main=com.example.*           ; org.codehaus.plexus.classworlds.launcher.Launcher -v ; silent",
            "t.yaml,main=com.example.App         ; com.example.Application     ; tcpshake: not started in this JVM: its main 'com.example.Application' does not match main=com.example.App",
            "t.yaml,main=*                       ; org.codehaus.plexus.classworlds.launcher.Launcher ; start",
    })
    void startsOnlyInTheIntendedApplication(String agentArgs, String javaCommand, String expected) {
        String refusal = MainFilter.refusal(agentArgs, javaCommand, OWN_JAR);
        assertEquals(expected, refusal == null ? "start" : refusal.isEmpty() ? "silent" : refusal);
    }
}
