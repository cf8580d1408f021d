package io.entroflow.topology.route;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Lexer and parser of {@link LabelMatchers}' syntax, a port of Alertmanager's {@code matcher/parse}
 * (same tokens, same grammar, same error wording; columns count code points). One use per instance.
 */
final class MatcherParser {
    private enum Kind { OPEN, CLOSE, COMMA, EQUAL, NOT_EQUAL, REGEX, NOT_REGEX, QUOTED, UNQUOTED, EOF }

    private record Token(Kind kind, String text, int start, int end) {
        String describe() {
            return kind == Kind.EOF ? "end of input" : text;
        }
    }

    private final int[] input;
    private int pos;
    private Token peeked;

    MatcherParser(String text) {
        this.input = text.codePoints().toArray();
    }

    static boolean isReserved(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || "{}!=~,\\\"'`".indexOf(c) >= 0;
    }

    static boolean needsQuotes(String name) {
        return name.isEmpty() || name.codePoints().anyMatch(MatcherParser::isReserved);
    }

    List<LabelMatcher> parse() {
        List<LabelMatcher> out = new ArrayList<>();
        Token first = peek();
        boolean open = first.kind == Kind.OPEN;
        if (open) {
            next();
        }
        Token t = peek();
        if (t.kind != Kind.CLOSE && t.kind != Kind.EOF) {
            while (true) {
                out.add(matcher());
                t = peek();
                if (t.kind == Kind.COMMA) {
                    next();
                    t = peek();
                    if (t.kind == Kind.CLOSE || t.kind == Kind.EOF) {
                        break;
                    }
                    if (t.kind != Kind.QUOTED && t.kind != Kind.UNQUOTED) {
                        throw unexpected(t, "expected a matcher or close brace after comma");
                    }
                } else if (t.kind == Kind.CLOSE || t.kind == Kind.EOF) {
                    break;
                } else {
                    throw unexpected(t, "expected a comma or close brace");
                }
            }
        }
        t = next();
        if (open && t.kind != Kind.CLOSE) {
            throw unexpected(t, "expected close brace");
        }
        if (!open && t.kind == Kind.CLOSE) {
            throw new MatcherSyntaxException(t.start, t.end, "}: expected opening brace");
        }
        if (t.kind != Kind.EOF) {
            Token rest = next();
            if (rest.kind != Kind.EOF) {
                throw new MatcherSyntaxException(rest.start, rest.end, rest.text + ": expected end of input");
            }
        }
        return out;
    }

    private LabelMatcher matcher() {
        Token name = next();
        if (name.kind != Kind.QUOTED && name.kind != Kind.UNQUOTED) {
            throw unexpected(name, "expected label name");
        }
        Token op = next();
        MatchType type = switch (op.kind) {
            case EQUAL -> MatchType.EQUAL;
            case NOT_EQUAL -> MatchType.NOT_EQUAL;
            case REGEX -> MatchType.REGEX;
            case NOT_REGEX -> MatchType.NOT_REGEX;
            default -> throw unexpected(op, "expected an operator such as '=', '!=', '=~' or '!~'");
        };
        Token value = next();
        if (value.kind != Kind.QUOTED && value.kind != Kind.UNQUOTED) {
            throw unexpected(value, "expected label value");
        }
        return new LabelMatcher(unquote(name), type, unquote(value));
    }

    private static MatcherSyntaxException unexpected(Token t, String expected) {
        return new MatcherSyntaxException(t.start, t.end, "unexpected " + t.describe() + ": " + expected);
    }

    private Token peek() {
        if (peeked == null) {
            peeked = scan();
        }
        return peeked;
    }

    private Token next() {
        Token t = peek();
        peeked = null;
        return t;
    }

    private Token scan() {
        while (pos < input.length && (Character.isWhitespace(input[pos]) || Character.isSpaceChar(input[pos]))) {
            pos++;
        }
        int start = pos;
        if (pos >= input.length) {
            return new Token(Kind.EOF, "", start, start);
        }
        int c = input[pos++];
        switch (c) {
            case '{':
                return token(Kind.OPEN, start);
            case '}':
                return token(Kind.CLOSE, start);
            case ',':
                return token(Kind.COMMA, start);
            case '!':
                if (accept('=')) {
                    return token(Kind.NOT_EQUAL, start);
                }
                if (accept('~')) {
                    return token(Kind.NOT_REGEX, start);
                }
                throw expected(start, "=~");
            case '=':
                return token(accept('~') ? Kind.REGEX : Kind.EQUAL, start);
            case '"':
                return quoted(start);
            default:
                if (isReserved(c)) {
                    throw new MatcherSyntaxException(start, pos, text(start, pos) + ": invalid input");
                }
                while (pos < input.length && !isReserved(input[pos])) {
                    pos++;
                }
                return token(Kind.UNQUOTED, start);
        }
    }

    private Token quoted(int start) {
        boolean escaped = false;
        while (pos < input.length) {
            int c = input[pos++];
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                return token(Kind.QUOTED, start);
            }
        }
        throw new MatcherSyntaxException(start, pos, text(start, pos) + ": missing end \"");
    }

    private boolean accept(int c) {
        if (pos < input.length && input[pos] == c) {
            pos++;
            return true;
        }
        return false;
    }

    private MatcherSyntaxException expected(int start, String chars) {
        if (pos >= input.length) {
            return new MatcherSyntaxException(start, pos, "unexpected end of input, expected one of '" + chars + "'");
        }
        return new MatcherSyntaxException(start, pos + 1, text(start, pos + 1) + ": expected one of '" + chars + "'");
    }

    private Token token(Kind kind, int start) {
        return new Token(kind, text(start, pos), start, pos);
    }

    private String text(int from, int to) {
        return new String(input, from, to - from);
    }

    /** The token's string: unquoted text as is; a quoted string with Go's {@code strconv.Unquote} escapes. */
    private static String unquote(Token t) {
        if (t.kind == Kind.UNQUOTED) {
            return t.text;
        }
        try {
            return goUnquote(t.text.codePoints().toArray());
        } catch (IllegalArgumentException e) {
            throw new MatcherSyntaxException(t.start, t.end, t.text + ": invalid input");
        }
    }

    /** Go's {@code strconv.Unquote} for a double-quoted string, then a UTF-8 validity check. */
    private static String goUnquote(int[] q) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(q.length);
        int i = 1;
        int end = q.length - 1;
        while (i < end) {
            int c = q[i++];
            if (c == '\n') {
                throw new IllegalArgumentException("newline in quoted string");
            }
            if (c != '\\') {
                bytes.writeBytes(new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            if (i >= end) {
                throw new IllegalArgumentException("dangling backslash");
            }
            int e = q[i++];
            switch (e) {
                case 'a' -> bytes.write(7);
                case 'b' -> bytes.write(8);
                case 'f' -> bytes.write(12);
                case 'n' -> bytes.write(10);
                case 'r' -> bytes.write(13);
                case 't' -> bytes.write(9);
                case 'v' -> bytes.write(11);
                case '\\' -> bytes.write('\\');
                case '"' -> bytes.write('"');
                case 'x' -> {
                    bytes.write(hex(q, i, 2, end));
                    i += 2;
                }
                case 'u', 'U' -> {
                    int n = e == 'u' ? 4 : 8;
                    int cp = hex(q, i, n, end);
                    i += n;
                    if (!Character.isValidCodePoint(cp) || (cp >= 0xD800 && cp <= 0xDFFF)) {
                        throw new IllegalArgumentException("invalid code point");
                    }
                    bytes.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                }
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    if (i + 2 > end) {
                        throw new IllegalArgumentException("short octal escape");
                    }
                    int v = e - '0';
                    for (int k = 0; k < 2; k++) {
                        int d = q[i++] - '0';
                        if (d < 0 || d > 7) {
                            throw new IllegalArgumentException("bad octal digit");
                        }
                        v = v * 8 + d;
                    }
                    if (v > 255) {
                        throw new IllegalArgumentException("octal escape above 255");
                    }
                    bytes.write(v);
                }
                default -> throw new IllegalArgumentException("unknown escape");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException x) {
            throw new IllegalArgumentException("invalid UTF-8");
        }
    }

    private static int hex(int[] q, int from, int n, int end) {
        if (from + n > end) {
            throw new IllegalArgumentException("short hex escape");
        }
        int v = 0;
        for (int k = 0; k < n; k++) {
            int d = Character.digit(q[from + k], 16);
            if (d < 0) {
                throw new IllegalArgumentException("bad hex digit");
            }
            v = v * 16 + d;
        }
        return v;
    }
}
