package io.el2studio.sim.cpu;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * The constant pool of a class written by {@link BlockCompiler} (JVMS 4.4): each constant once,
 * numbered in the order added; a long takes two slots.
 */
final class ConstantPool {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int count = 1;
    private final Map<String, Integer> index = new HashMap<>();

    /** constant_pool_count: one more than the last index used. */
    int count() {
        return count;
    }

    /** The entries, as they follow constant_pool_count in the class file. */
    byte[] bytes() {
        return out.toByteArray();
    }

    private int entry(String key, byte[] bytes, int slots) {
        Integer idx = index.get(key);
        if (idx != null) {
            return idx;
        }
        out.writeBytes(bytes);
        int i = count;
        count += slots;
        index.put(key, i);
        return i;
    }

    private static byte[] u2(int tag, int a) {
        return new byte[] {(byte) tag, (byte) (a >> 8), (byte) a};
    }

    private static byte[] u2u2(int tag, int a, int b) {
        return new byte[] {(byte) tag, (byte) (a >> 8), (byte) a, (byte) (b >> 8), (byte) b};
    }

    int utf8(String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8); // ASCII names only
        byte[] e = new byte[3 + b.length];
        e[0] = 1;
        e[1] = (byte) (b.length >> 8);
        e[2] = (byte) b.length;
        System.arraycopy(b, 0, e, 3, b.length);
        return entry("U" + s, e, 1);
    }

    int cls(String name) {
        int u = utf8(name);
        return entry("C" + name, u2(7, u), 1);
    }

    private int nat(String name, String desc) {
        int n = utf8(name), d = utf8(desc);
        return entry("N" + name + ":" + desc, u2u2(12, n, d), 1);
    }

    int field(String owner, String name, String desc) {
        int c = cls(owner), nt = nat(name, desc);
        return entry("F" + owner + "." + name + ":" + desc, u2u2(9, c, nt), 1);
    }

    int method(String owner, String name, String desc) {
        int c = cls(owner), nt = nat(name, desc);
        return entry("M" + owner + "." + name + ":" + desc, u2u2(10, c, nt), 1);
    }

    int lng(long v) {
        byte[] e = new byte[9];
        e[0] = 5;
        for (int k = 0; k < 8; k++) {
            e[1 + k] = (byte) (v >>> (56 - 8 * k));
        }
        return entry("J" + v, e, 2);
    }

    int integer(int v) {
        byte[] e = {3, (byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
        return entry("I" + v, e, 1);
    }
}
