package io.entroflow.app.record;

import java.nio.file.Files;
import java.nio.file.Path;

/** Whether the process's standard error is a terminal (Linux: {@code /proc/self/fd/2} points to a tty). */
public final class Terminal {
    private Terminal() {
    }

    public static boolean stderrIsTerminal() {
        if ("dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception e) {
            return System.console() != null;
        }
    }
}
