package io.el2studio.sim.board;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A flattened device tree (Devicetree Specification v0.4, chapter 5 "Flattened Devicetree (DTB)
 * Format"): an in-memory tree of nodes with ordered properties, written as a version 17 blob
 * (header, empty memory reservation block, structure block, strings block; big-endian) and read
 * back from one (for a user-supplied {@code --dtb} that the loader updates like QEMU does).
 */
public final class DeviceTree {
    static final int MAGIC = 0xD00D_FEED;
    static final int BEGIN_NODE = 1, END_NODE = 2, PROP = 3, NOP = 4, END = 9;
    static final int VERSION = 17, LAST_COMPATIBLE = 16;

    /** One node: a name ("" for the root, "unit@address" otherwise), properties in order, children in order. */
    public static final class Node {
        public final String name;
        final Map<String, byte[]> props = new LinkedHashMap<>();
        final List<Node> children = new ArrayList<>();

        Node(String name) {
            this.name = name;
        }

        /** The child named {@code name}, created (appended) if missing. */
        public Node child(String name) {
            Node n = find(name);
            if (n == null) {
                n = new Node(name);
                children.add(n);
            }
            return n;
        }

        public Node find(String name) {
            for (Node c : children) {
                if (c.name.equals(name)) {
                    return c;
                }
            }
            return null;
        }

        public List<Node> children() {
            return children;
        }

        public Map<String, byte[]> props() {
            return props;
        }

        public byte[] prop(String name) {
            return props.get(name);
        }

        public Node bytes(String name, byte[] value) {
            props.put(name, value);
            return this;
        }

        /** An empty property (a flag such as {@code interrupt-controller}). */
        public Node empty(String name) {
            return bytes(name, new byte[0]);
        }

        /** A string, or a string list ("a\0b\0"). */
        public Node string(String name, String... values) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (String v : values) {
                b.writeBytes(v.getBytes(StandardCharsets.UTF_8));
                b.write(0);
            }
            return bytes(name, b.toByteArray());
        }

        /** 32-bit cells. */
        public Node cells(String name, int... values) {
            ByteBuffer b = ByteBuffer.allocate(4 * values.length);
            for (int v : values) {
                b.putInt(v);
            }
            return bytes(name, b.array());
        }

        /** 64-bit values, each as two cells (for #address-cells = #size-cells = 2). */
        public Node cells64(String name, long... values) {
            ByteBuffer b = ByteBuffer.allocate(8 * values.length);
            for (long v : values) {
                b.putLong(v);
            }
            return bytes(name, b.array());
        }
    }

    public final Node root = new Node("");

    /** A node by absolute path ("/chosen", "/cpus/cpu@0"); null if missing. */
    public Node node(String path) {
        Node n = root;
        for (String part : path.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            n = n.find(part);
            if (n == null) {
                return null;
            }
        }
        return n;
    }

    // ---- writer ----

    /** The DTB blob (version 17), {@code bootCpu} in boot_cpuid_phys. */
    public byte[] toBlob(int bootCpu) {
        ByteArrayOutputStream strings = new ByteArrayOutputStream();
        Map<String, Integer> offsets = new LinkedHashMap<>();
        ByteArrayOutputStream struct = new ByteArrayOutputStream();
        writeNode(root, struct, strings, offsets);
        putInt(struct, END);
        byte[] s = struct.toByteArray();
        byte[] str = strings.toByteArray();
        int headerSize = 40;
        int rsvOff = headerSize; // 8-aligned
        int rsvSize = 16; // one terminating {0, 0} entry
        int structOff = rsvOff + rsvSize;
        int stringsOff = structOff + s.length;
        int total = stringsOff + str.length;
        ByteBuffer b = ByteBuffer.allocate((total + 3) & ~3);
        b.putInt(MAGIC).putInt(b.capacity()).putInt(structOff).putInt(stringsOff).putInt(rsvOff).putInt(VERSION)
                .putInt(LAST_COMPATIBLE).putInt(bootCpu).putInt(str.length).putInt(s.length);
        b.putLong(0).putLong(0);
        b.put(s).put(str);
        return b.array();
    }

    private static void writeNode(Node n, ByteArrayOutputStream out, ByteArrayOutputStream strings, Map<String, Integer> offsets) {
        putInt(out, BEGIN_NODE);
        putPadded(out, (n.name + "\0").getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, byte[]> p : n.props.entrySet()) {
            Integer off = offsets.get(p.getKey());
            if (off == null) {
                off = strings.size();
                offsets.put(p.getKey(), off);
                strings.writeBytes((p.getKey() + "\0").getBytes(StandardCharsets.UTF_8));
            }
            putInt(out, PROP);
            putInt(out, p.getValue().length);
            putInt(out, off);
            putPadded(out, p.getValue());
        }
        for (Node c : n.children) {
            writeNode(c, out, strings, offsets);
        }
        putInt(out, END_NODE);
    }

    private static void putInt(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }

    private static void putPadded(ByteArrayOutputStream out, byte[] b) {
        out.writeBytes(b);
        for (int i = b.length; (i & 3) != 0; i++) {
            out.write(0);
        }
    }

    // ---- reader ----

    /** Parses a DTB blob (versions 16 and 17); throws IllegalArgumentException with a one-line reason. */
    public static DeviceTree parse(byte[] blob) {
        if (blob.length < 40) {
            throw new IllegalArgumentException("too short for a device tree blob");
        }
        ByteBuffer b = ByteBuffer.wrap(blob);
        if (b.getInt(0) != MAGIC) {
            throw new IllegalArgumentException("not a device tree blob (bad magic)");
        }
        int total = b.getInt(4), structOff = b.getInt(8), stringsOff = b.getInt(12), version = b.getInt(20);
        if (total > blob.length || structOff < 40 || structOff >= total || stringsOff > total || version < 16) {
            throw new IllegalArgumentException("corrupt device tree blob header");
        }
        DeviceTree t = new DeviceTree();
        List<Node> stack = new ArrayList<>();
        int p = structOff;
        boolean seenRoot = false;
        while (true) {
            if (p + 4 > total) {
                throw new IllegalArgumentException("device tree structure block runs off the end");
            }
            int tag = b.getInt(p);
            p += 4;
            switch (tag) {
                case BEGIN_NODE -> {
                    int e = p;
                    while (e < total && blob[e] != 0) {
                        e++;
                    }
                    String name = new String(blob, p, e - p, StandardCharsets.UTF_8);
                    p = (e + 4) & ~3;
                    Node n;
                    if (stack.isEmpty()) {
                        if (seenRoot) {
                            throw new IllegalArgumentException("device tree has two root nodes");
                        }
                        seenRoot = true;
                        n = t.root;
                    } else {
                        n = new Node(name);
                        stack.get(stack.size() - 1).children.add(n);
                    }
                    stack.add(n);
                }
                case END_NODE -> {
                    if (stack.isEmpty()) {
                        throw new IllegalArgumentException("unbalanced END_NODE in device tree");
                    }
                    stack.remove(stack.size() - 1);
                }
                case PROP -> {
                    if (stack.isEmpty()) {
                        throw new IllegalArgumentException("property outside any node in device tree");
                    }
                    int len = b.getInt(p), nameOff = b.getInt(p + 4);
                    p += 8;
                    if (len < 0 || p + len > total || stringsOff + nameOff >= total) {
                        throw new IllegalArgumentException("corrupt property in device tree");
                    }
                    int e = stringsOff + nameOff;
                    while (e < total && blob[e] != 0) {
                        e++;
                    }
                    String name = new String(blob, stringsOff + nameOff, e - stringsOff - nameOff, StandardCharsets.UTF_8);
                    byte[] v = new byte[len];
                    System.arraycopy(blob, p, v, 0, len);
                    stack.get(stack.size() - 1).props.put(name, v);
                    p = (p + len + 3) & ~3;
                }
                case NOP -> {
                }
                case END -> {
                    if (!stack.isEmpty() || !seenRoot) {
                        throw new IllegalArgumentException("device tree ends inside a node");
                    }
                    return t;
                }
                default -> throw new IllegalArgumentException(String.format("bad token 0x%x in device tree", tag));
            }
        }
    }
}
