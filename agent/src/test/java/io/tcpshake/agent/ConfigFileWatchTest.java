package io.tcpshake.agent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileWatchTest {
    @TempDir
    Path dir;

    @Test
    void unchangedFileIsNotAChange() throws Exception {
        Path file = Files.writeString(dir.resolve("targets.yaml"), "targets: []\n");
        ConfigFileWatch watch = new ConfigFileWatch(file);
        watch.markSeen();
        assertFalse(watch.changed());
        Files.writeString(file, "targets: []\n");
        assertFalse(watch.changed(), "rewriting the same content is no change");
    }

    @Test
    void editInPlaceIsSeenOnce() throws Exception {
        Path file = Files.writeString(dir.resolve("targets.yaml"), "targets: []\n");
        ConfigFileWatch watch = new ConfigFileWatch(file);
        watch.markSeen();
        Files.writeString(file, "targets: [{address: \"127.0.0.1:1\"}]\n");
        assertTrue(watch.changed());
        assertFalse(watch.changed());
    }

    @Test
    void editorThatRenamesANewFileOverTheOldIsSeen() throws Exception {
        Path file = Files.writeString(dir.resolve("targets.yaml"), "targets: []\n");
        ConfigFileWatch watch = new ConfigFileWatch(file);
        watch.markSeen();
        Path swap = Files.writeString(dir.resolve(".targets.yaml.swp"), "targets: [{address: \"127.0.0.1:2\"}]\n");
        Files.move(swap, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertTrue(watch.changed());
    }

    @Test
    void configMapStyleSymlinkSwapIsSeen() throws Exception {
        // Kubernetes mounts ConfigMaps as targets.yaml -> ..data/targets.yaml, ..data -> ..2024_01_01; an update
        // writes a new timestamped directory and swaps the ..data link.
        Path v1 = Files.createDirectory(dir.resolve("..v1"));
        Files.writeString(v1.resolve("targets.yaml"), "targets: []\n");
        Path data = Files.createSymbolicLink(dir.resolve("..data"), v1.getFileName());
        Path file = Files.createSymbolicLink(dir.resolve("targets.yaml"), data.getFileName().resolve("targets.yaml"));
        ConfigFileWatch watch = new ConfigFileWatch(file);
        watch.markSeen();

        Path v2 = Files.createDirectory(dir.resolve("..v2"));
        Files.writeString(v2.resolve("targets.yaml"), "targets: [{address: \"127.0.0.1:3\"}]\n");
        Path newData = Files.createSymbolicLink(dir.resolve("..data_tmp"), v2.getFileName());
        Files.move(newData, data, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertTrue(watch.changed());
    }

    @Test
    void fileThatVanishesAndComesBackIsSeenBothTimes() throws Exception {
        Path file = Files.writeString(dir.resolve("targets.yaml"), "targets: []\n");
        ConfigFileWatch watch = new ConfigFileWatch(file);
        watch.markSeen();
        Files.delete(file);
        assertTrue(watch.changed());
        assertFalse(watch.changed());
        Files.writeString(file, "targets: []\n");
        assertTrue(watch.changed());
    }
}
