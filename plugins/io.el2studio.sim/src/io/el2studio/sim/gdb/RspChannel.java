package io.el2studio.sim.gdb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * Framing of the GDB remote serial protocol on one socket ("Overview" and "Packet Acknowledgment"
 * in the GDB manual, appendix E): {@code $data#cs} packets with a modulo-256 checksum, the +/- acks
 * until QStartNoAckMode, the {@code }} escape of binary data, and the out-of-band interrupt byte
 * 0x03. Never throws on malformed input: a bad checksum is answered with '-' (ack mode), a packet
 * longer than {@link #MAX_PACKET} is read to its end and reported as {@link #OVERSIZED}.
 */
final class RspChannel {
    /** The largest packet we accept (gdb is told {@code PacketSize} = this). */
    static final int MAX_PACKET = 0x10000;
    /** Returned by {@link #read} for a packet that did not fit. */
    static final byte[] OVERSIZED = new byte[0];
    /** Returned by {@link #read} (and {@link #poll}) for the interrupt byte. */
    static final byte[] INTERRUPT = new byte[] {3};

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    boolean ackMode = true;
    private int pushback = -1;

    RspChannel(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new java.io.BufferedInputStream(socket.getInputStream());
        this.out = new java.io.BufferedOutputStream(socket.getOutputStream());
    }

    /** Thrown when the client has gone. */
    static final class Closed extends IOException {
        private static final long serialVersionUID = 1L;

        Closed() {
            super("connection closed");
        }
    }

    private int next() throws IOException {
        if (pushback >= 0) {
            int b = pushback;
            pushback = -1;
            return b;
        }
        int b = in.read();
        if (b < 0) {
            throw new Closed();
        }
        return b;
    }

    /**
     * Reads the next packet's payload (escapes left in place: only binary packets unescape), or
     * {@link #INTERRUPT}, or {@link #OVERSIZED}. Blocks (socket timeout permitting).
     */
    byte[] read() throws IOException {
        while (true) {
            int b = next();
            if (b == 3) {
                return INTERRUPT;
            }
            if (b != '$') {
                continue; // acks, noise between packets
            }
            byte[] buf = new byte[256];
            int n = 0;
            int sum = 0;
            boolean overflow = false;
            while (true) {
                b = next();
                if (b == '#') {
                    break;
                }
                if (b == '$') { // a new packet started: the old one was truncated
                    n = 0;
                    sum = 0;
                    overflow = false;
                    continue;
                }
                sum += b;
                if (n >= MAX_PACKET) {
                    overflow = true;
                    continue;
                }
                if (n == buf.length) {
                    buf = java.util.Arrays.copyOf(buf, Math.min(buf.length * 2, MAX_PACKET));
                }
                buf[n++] = (byte) b;
            }
            int c1 = next(), c2 = next();
            int cs = hexDigit(c1) * 16 + hexDigit(c2);
            if (ackMode) {
                if (cs != (sum & 0xFF) || hexDigit(c1) < 0 || hexDigit(c2) < 0) {
                    out.write('-');
                    out.flush();
                    continue;
                }
                out.write('+');
                out.flush();
            }
            return overflow ? OVERSIZED : java.util.Arrays.copyOf(buf, n);
        }
    }

    /**
     * While the target runs: waits at most {@code millis} for the client. Returns INTERRUPT on
     * 0x03, a packet if one arrives (gdb sends none while waiting, but a client may), or null.
     */
    byte[] poll(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            int b = next();
            if (b == 3) {
                return INTERRUPT;
            }
            pushback = b;
        } catch (SocketTimeoutException e) {
            return null;
        } finally {
            socket.setSoTimeout(0);
        }
        return read();
    }

    /** Sends a packet with its checksum, escaping $ # } * as binary data must be (gdb unescapes every reply). */
    void send(String payload) throws IOException {
        send(payload.getBytes(StandardCharsets.ISO_8859_1));
    }

    void send(byte[] payload) throws IOException {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream(payload.length + 8);
        b.write('$');
        int sum = 0;
        for (byte p : payload) {
            int v = p & 0xFF;
            if (v == '$' || v == '#' || v == '}' || v == '*') {
                b.write('}');
                sum += '}';
                v ^= 0x20;
            }
            b.write(v);
            sum += v;
        }
        b.write('#');
        b.write(HEX[(sum >> 4) & 0xF]);
        b.write(HEX[sum & 0xF]);
        out.write(b.toByteArray());
        out.flush();
        // In ack mode gdb answers with '+'; read() skips it with the other noise between packets.
    }

    void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a dead socket
        }
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

    static int hexDigit(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** Binary data of an X packet: {@code }x} stands for x ^ 0x20. */
    static byte[] unescape(byte[] p, int from) {
        byte[] r = new byte[p.length - from];
        int n = 0;
        for (int i = from; i < p.length; i++) {
            if (p[i] == '}' && i + 1 < p.length) {
                r[n++] = (byte) (p[++i] ^ 0x20);
            } else {
                r[n++] = p[i];
            }
        }
        return java.util.Arrays.copyOf(r, n);
    }
}
