package io.entroflow.topology.stream;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Event keys as they enter the monitor and as they go into store keys, both one-to-one, so two
 * distinct keys never share state whatever their bytes.
 *
 * <p><b>Record keys to event keys</b> ({@link #eventKey}): strict UTF-8; a byte that is not part of
 * a valid sequence becomes the lone surrogate U+DC00 + byte (Python's "surrogateescape"), which valid
 * UTF-8 never decodes to, so distinct byte strings stay distinct; {@link #bytes} is the inverse.
 *
 * <p><b>Event keys to store keys</b> ({@link #of}): {@code <n>:<encoded>}, where {@code <encoded>} is
 * the key's UTF-16 code units one by one in modified UTF-8 (NUL as {@code C0 80}, each surrogate as
 * its own three bytes, as {@link java.io.DataOutput#writeUTF} writes them), held as ISO-8859-1 chars
 * so the store's String serde writes them back unchanged, and {@code n} its length. The encoding
 * holds no NUL and no lone surrogate, so the stores' {@code \0} marks after it cannot be forged by a
 * key, and the length prefix makes one key's records never a range of another's. Stateless.
 */
final class StoreKeys {
    private StoreKeys() {
    }

    /** The event key of a record key's bytes (see the class description). */
    static String eventKey(byte[] recordKey) {
        if (isAscii(recordKey)) {
            return new String(recordKey, StandardCharsets.ISO_8859_1); // the common case, without a decoder per record
        }
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(recordKey);
        CharBuffer out = CharBuffer.allocate(recordKey.length + 1);
        while (true) {
            CoderResult r = d.decode(in, out, true);
            if (r.isError()) {
                for (int i = 0; i < r.length(); i++) {
                    out.put((char) (0xDC00 | (in.get() & 0xFF)));
                }
            } else if (r.isUnderflow()) {
                break;
            }
        }
        d.flush(out);
        return out.flip().toString();
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /** The bytes of an event key: the inverse of {@link #eventKey} (escaped bytes back, the rest UTF-8). */
    static byte[] bytes(String key) {
        boolean escaped = false;
        for (int i = 0; i < key.length() && !escaped; i++) {
            char c = key.charAt(i);
            escaped = c >= 0xDC00 && c <= 0xDCFF && (i == 0 || !Character.isHighSurrogate(key.charAt(i - 1)));
        }
        if (!escaped) {
            return key.getBytes(StandardCharsets.UTF_8);
        }
        ByteBuffer out = ByteBuffer.allocate(key.length() * 4);
        int start = 0;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c >= 0xDC00 && c <= 0xDCFF && (i == 0 || !Character.isHighSurrogate(key.charAt(i - 1)))) {
                out.put(key.substring(start, i).getBytes(StandardCharsets.UTF_8));
                out.put((byte) (c & 0xFF));
                start = i + 1;
            }
        }
        out.put(key.substring(start).getBytes(StandardCharsets.UTF_8));
        byte[] b = new byte[out.position()];
        out.flip().get(b);
        return b;
    }

    /** The store-key form of an event key: {@code <length>:<encoded>} (see the class description). */
    static String of(String key) {
        StringBuilder enc = new StringBuilder(key.length() + 8);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c >= 1 && c < 0x80) {
                enc.append(c);
            } else if (c < 0x800) {
                enc.append((char) (0xC0 | (c >> 6))).append((char) (0x80 | (c & 0x3F)));
            } else {
                enc.append((char) (0xE0 | (c >> 12))).append((char) (0x80 | ((c >> 6) & 0x3F)))
                        .append((char) (0x80 | (c & 0x3F)));
            }
        }
        return enc.length() + ":" + enc;
    }

    /** The event key of a store key that starts with {@link #of}'s form (anything may follow it). */
    static String keyOf(String storeKey) {
        int colon = storeKey.indexOf(':');
        int n = Integer.parseInt(storeKey, 0, colon, 10);
        StringBuilder key = new StringBuilder(n);
        for (int p = colon + 1, end = colon + 1 + n; p < end; ) {
            int b = storeKey.charAt(p++);
            if (b < 0x80) {
                key.append((char) b);
            } else if (b < 0xE0) {
                key.append((char) (((b & 0x1F) << 6) | (storeKey.charAt(p++) & 0x3F)));
            } else {
                int c = ((b & 0x0F) << 12) | ((storeKey.charAt(p++) & 0x3F) << 6);
                key.append((char) (c | (storeKey.charAt(p++) & 0x3F)));
            }
        }
        return key.toString();
    }
}
