package io.el2studio.sim.gdb;

/** Hex encodings of the remote protocol: register values little-endian, addresses big-endian text. */
final class Hex {
    private Hex() {
    }

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    /** {@code bytes} bytes of {@code v}, least significant first, two digits each. */
    static String le(long v, int bytes) {
        char[] c = new char[bytes * 2];
        for (int i = 0; i < bytes; i++) {
            int b = (int) (v >>> (8 * i)) & 0xFF;
            c[2 * i] = DIGITS[b >> 4];
            c[2 * i + 1] = DIGITS[b & 0xF];
        }
        return new String(c);
    }

    /** The inverse of {@link #le}: up to 8 bytes; throws NumberFormatException on a non-hex digit. */
    static long parseLe(String s) {
        long v = 0;
        for (int i = 0; i + 1 < s.length() && i < 16; i += 2) {
            v |= (long) Integer.parseInt(s.substring(i, i + 2), 16) << (4 * i);
        }
        return v;
    }

    static String bytes(byte[] b) {
        char[] c = new char[b.length * 2];
        for (int i = 0; i < b.length; i++) {
            c[2 * i] = DIGITS[(b[i] >> 4) & 0xF];
            c[2 * i + 1] = DIGITS[b[i] & 0xF];
        }
        return new String(c);
    }

    /** Hex text to bytes; throws NumberFormatException on odd length or a bad digit. */
    static byte[] toBytes(String s) {
        if ((s.length() & 1) != 0) {
            throw new NumberFormatException("odd number of hex digits");
        }
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            int h = RspChannel.hexDigit(s.charAt(2 * i)), l = RspChannel.hexDigit(s.charAt(2 * i + 1));
            if (h < 0 || l < 0) {
                throw new NumberFormatException("bad hex digit in " + s);
            }
            b[i] = (byte) (h << 4 | l);
        }
        return b;
    }

    /** An unsigned hex number as the protocol writes addresses and lengths (no prefix). */
    static long num(String s) {
        if (s.isEmpty() || s.length() > 16) {
            throw new NumberFormatException("bad hex number '" + s + "'");
        }
        return Long.parseUnsignedLong(s, 16);
    }

    static String text(String s) {
        return bytes(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
