package io.entroflow.app.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP sockets this JVM listens on, with the address each is bound to, read from Linux's
 * {@code /proc/net/tcp} and {@code /proc/net/tcp6} (LISTEN entries whose inode is one of this
 * process's file descriptors). {@link #available()} is false elsewhere.
 */
final class ListeningSockets {
    /** One listening socket: the bound address as text ({@code 127.0.0.1}, {@code 0.0.0.0}, {@code ::}, ...) and port. */
    record Listener(String address, int port) {
        boolean loopbackIpv4() {
            return address.equals("127.0.0.1");
        }
    }

    private ListeningSockets() {
    }

    static boolean available() {
        return Files.isReadable(Path.of("/proc/net/tcp")) && Files.isDirectory(Path.of("/proc/self/fd"));
    }

    static List<Listener> ofThisProcess() {
        Set<String> inodes = socketInodes();
        List<Listener> out = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path p = Path.of(table);
            if (!Files.isReadable(p)) {
                continue;
            }
            try (Stream<String> lines = Files.lines(p)) {
                lines.skip(1).map(String::trim).map(l -> l.split("\\s+")).forEach(f -> {
                    // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
                    if (f.length > 9 && f[3].equals("0A") && inodes.contains(f[9])) {
                        String[] local = f[1].split(":");
                        out.add(new Listener(address(local[0]), Integer.parseInt(local[1], 16)));
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    private static Set<String> socketInodes() {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            fds.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor went away while listing
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return inodes;
    }

    /** /proc's hex address (IPv4: 4 bytes little-endian; IPv6: four little-endian 32-bit words) as text. */
    static String address(String hex) {
        if (hex.length() == 8) {
            return ipv4(hex);
        }
        String v4Mapped = "0000000000000000FFFF0000";
        if (hex.startsWith(v4Mapped)) {
            return ipv4(hex.substring(24));
        }
        StringBuilder b = new StringBuilder();
        for (int word = 0; word < 4; word++) {
            String w = hex.substring(word * 8, word * 8 + 8);
            for (int i = 3; i >= 0; i--) {
                b.append(w, i * 2, i * 2 + 2);
                if (i % 2 == 0 && !(word == 3 && i == 0)) {
                    b.append(':');
                }
            }
        }
        String full = b.toString().toLowerCase(java.util.Locale.ROOT);
        return full.equals("0000:0000:0000:0000:0000:0000:0000:0000") ? "::" : full;
    }

    private static String ipv4(String hex) {
        return Integer.parseInt(hex.substring(6, 8), 16) + "." + Integer.parseInt(hex.substring(4, 6), 16) + "."
                + Integer.parseInt(hex.substring(2, 4), 16) + "." + Integer.parseInt(hex.substring(0, 2), 16);
    }
}
