package io.el2studio.engine.values;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Characters and strings as gdb 13 prints them for C with its default host and target charsets (UTF-8):
 * a char as {@code 65 'A'}, a string as quoted runs, runs of more than 10 equal characters as
 * {@code 'a' <repeats 19 times>}, segments joined by ", " (gdb/valprint.c, generic_printstr and
 * count_next_character), at most 200 characters then {@code ...}. Escapes as gdb's print_wchar: the
 * named C escapes, octal for other control and invalid bytes, a multibyte sequence cut short at the end
 * as {@code <incomplete sequence \351>}.
 */
public final class CharText {
    private CharText() {
    }

    /** One decoded character: its bytes (1 for ASCII and invalid bytes, 2-4 for valid UTF-8), or an incomplete tail. */
    private record Ch(byte[] bytes, boolean printableMultibyte, boolean incomplete) {
        boolean same(Ch o) {
            return !incomplete && !o.incomplete && java.util.Arrays.equals(bytes, o.bytes);
        }
    }

    /** gdb's char literal for one byte value (the part after the number): {@code 'A'}, {@code '\000'}, {@code '\''}. */
    public static String charLiteral(int b) {
        return "'" + escape(b & 0xff, '\'') + "'";
    }

    private static String escape(int c, char quote) {
        switch (c) {
            case 7:
                return "\\a";
            case 8:
                return "\\b";
            case 9:
                return "\\t";
            case 10:
                return "\\n";
            case 11:
                return "\\v";
            case 12:
                return "\\f";
            case 13:
                return "\\r";
            case 27:
                return "\\033";
            case '\\':
                return "\\\\";
            default:
                break;
        }
        if (c == quote) {
            return "\\" + quote;
        }
        if (c >= 0x20 && c < 0x7f) {
            return String.valueOf((char) c);
        }
        return String.format("\\%03o", c);
    }

    private static List<Ch> decode(byte[] s, int length) {
        List<Ch> out = new ArrayList<>();
        int i = 0;
        while (i < length) {
            int b = s[i] & 0xff;
            // glibc's UTF-8 decoder (gdb converts through iconv) still knows the 5- and 6-byte lead bytes:
            // cut short at the end of the string they are an incomplete sequence, complete they are invalid
            int need = b >= 0xfc && b <= 0xfd ? 6 : b >= 0xf8 && b <= 0xfb ? 5 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 ? 2 : 1;
            if (b < 0x80 || need == 1 || b >= 0xfe) {
                out.add(new Ch(new byte[] { s[i] }, false, false));
                i++;
                continue;
            }
            int j = 1;
            while (j < need && i + j < length && (s[i + j] & 0xc0) == 0x80) {
                j++;
            }
            if (j == need && need <= 4) {
                byte[] seq = java.util.Arrays.copyOfRange(s, i, i + need);
                int cp = new String(seq, StandardCharsets.UTF_8).codePointAt(0);
                boolean printable = cp != 0xfffd && !Character.isISOControl(cp) && Character.isDefined(cp);
                out.add(new Ch(seq, printable, false));
                i += need;
            } else if (i + j == length) {
                // gdb's wchar_iterator loses the character converted in the same iconv call that met the
                // incomplete tail (iconv returns EINVAL and gdb reports only the tail)
                if (!out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
                out.add(new Ch(java.util.Arrays.copyOfRange(s, i, length), false, true));
                i = length;
            } else {
                out.add(new Ch(new byte[] { s[i] }, false, false));
                i++;
            }
        }
        return out;
    }

    /**
     * The string of {@code length} bytes of {@code s}, as gdb's generic_printstr prints a char array
     * ({@code trailingNulDropped}: the array form drops one final NUL) or the text at a char pointer.
     */
    public static String string(byte[] s, int length, boolean forceEllipses, boolean dropTrailingNul) {
        if (dropTrailingNul && !forceEllipses && length > 0 && s[length - 1] == 0) {
            length--;
        }
        if (length == 0) {
            return "\"\"";
        }
        List<Ch> chars = decode(s, length);
        // group into (char, repeat count), counting toward print elements as gdb's count_next_character
        List<Ch> groupCh = new ArrayList<>();
        List<Integer> groupN = new ArrayList<>();
        int printed = 0, k = 0;
        while (printed < FormatLimits.PRINT_MAX && k < chars.size()) {
            Ch c = chars.get(k);
            int n = 1;
            while (k + n < chars.size() && chars.get(k + n).same(c)) {
                n++;
            }
            groupCh.add(c);
            groupN.add(n);
            printed += n;
            k += n;
        }
        // gdb stops counting when print elements is reached, before it sees the end of the string, so a
        // string of exactly 200 characters still gets the ellipsis
        boolean finished = k >= chars.size() && printed < FormatLimits.PRINT_MAX;
        StringBuilder out = new StringBuilder();
        boolean inQuote = false;
        for (int g = 0; g < groupCh.size(); g++) {
            Ch c = groupCh.get(g);
            int n = groupN.get(g);
            if (c.incomplete) {
                if (inQuote) {
                    out.append('"');
                    inQuote = false;
                }
                sep(out);
                out.append("<incomplete sequence ");
                for (byte b : c.bytes) {
                    out.append(String.format("\\%03o", b & 0xff));
                }
                out.append('>');
                continue;
            }
            if (n > FormatLimits.REPEAT_THRESHOLD) {
                if (inQuote) {
                    out.append('"');
                    inQuote = false;
                }
                sep(out);
                out.append('\'').append(text(c, '\'')).append("' <repeats ").append(n).append(" times>");
                continue;
            }
            if (!inQuote) {
                sep(out);
                out.append('"');
                inQuote = true;
            }
            String t = text(c, '"');
            out.append(t.repeat(n));
        }
        if (inQuote) {
            out.append('"');
        }
        if (forceEllipses || !finished) {
            out.append("...");
        }
        return out.toString();
    }

    private static void sep(StringBuilder out) {
        if (!out.isEmpty()) {
            out.append(", ");
        }
    }

    private static String text(Ch c, char quote) {
        if (c.bytes.length == 1) {
            return escape(c.bytes[0] & 0xff, quote);
        }
        if (c.printableMultibyte) {
            return new String(c.bytes, StandardCharsets.UTF_8);
        }
        StringBuilder b = new StringBuilder();
        for (byte x : c.bytes) {
            b.append(String.format("\\%03o", x & 0xff));
        }
        return b.toString();
    }
}
