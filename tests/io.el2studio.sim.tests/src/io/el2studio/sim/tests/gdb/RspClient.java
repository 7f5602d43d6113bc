package io.el2studio.sim.tests.gdb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A minimal remote-protocol client for raw tests: frames packets, reads replies, handles acks. */
final class RspClient implements AutoCloseable {
    final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    boolean ackMode = true;

    RspClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    static byte[] frame(byte[] payload) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int sum = 0;
        b.write('$');
        for (byte p : payload) {
            b.write(p);
            sum += p & 0xFF;
        }
        b.writeBytes(String.format("#%02x", sum & 0xFF).getBytes(StandardCharsets.ISO_8859_1));
        return b.toByteArray();
    }

    void raw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Sends a packet and returns the reply's payload (escapes undone). */
    String ask(String payload) throws IOException {
        return ask(payload.getBytes(StandardCharsets.ISO_8859_1));
    }

    String ask(byte[] payload) throws IOException {
        raw(frame(payload));
        return reply();
    }

    /** Reads the next reply packet, skipping acks; checks its checksum and acks it in ack mode. */
    String reply() throws IOException {
        int c;
        while ((c = in.read()) != '$') {
            if (c < 0) {
                throw new IOException("connection closed");
            }
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int sum = 0;
        while ((c = in.read()) != '#') {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            sum += c;
            if (c == '}') {
                int d = in.read();
                sum += d;
                c = d ^ 0x20;
            }
            b.write(c);
        }
        int cs = Integer.parseInt(new String(new byte[] {(byte) in.read(), (byte) in.read()}, StandardCharsets.ISO_8859_1), 16);
        if (cs != (sum & 0xFF)) {
            throw new IOException("bad checksum in reply " + b);
        }
        if (ackMode) {
            raw(new byte[] {'+'});
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    /** The next byte the server sends (an ack: '+' or '-'). */
    int readByte() throws IOException {
        return in.read();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
