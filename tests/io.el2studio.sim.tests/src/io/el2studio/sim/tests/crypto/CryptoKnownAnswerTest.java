package io.el2studio.sim.tests.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.machine.MiniMachine;
import io.el2studio.sim.tests.support.TestMachine;

/**
 * Whole-algorithm known answers for the crypto instructions, with the JDK's own AES and SHA as the
 * oracle: AES-128 rounds built from AESE/AESMC (and AESD/AESIMC) against javax.crypto, and the
 * SHA-1 and SHA-256 compression functions built from SHA1C/P/M/H/SU0/SU1 and SHA256H/H2/SU0/SU1
 * against MessageDigest. (Every crypto instruction is also checked against qemu in SimdOracleTest.)
 */
class CryptoKnownAnswerTest {
    private static final long BASE = 0x4000_0000L;

    private final MiniMachine m = new MiniMachine(CpuProfile.max(), BASE, 64 << 20, 1);
    private final Cpu c = m.cpu(0);
    private long next = BASE;

    /** Executes one instruction word (each at a fresh address, so no decode cache is reused). */
    private void exec(int w) {
        m.load(next, TestMachine.littleEndian(w));
        c.pc = next;
        next += 4;
        c.step();
    }

    private void setV(int r, byte[] b, int off) {
        ByteBuffer bb = ByteBuffer.wrap(b, off, 16).order(ByteOrder.LITTLE_ENDIAN);
        c.setV(r, bb.getLong(), bb.getLong());
    }

    private byte[] getV(int r) {
        return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(c.vlo(r)).putLong(c.vhi(r)).array();
    }

    private static int dn(int d, int n) {
        return (n << 5) | d;
    }

    private static int dnm(int d, int n, int m) {
        return (m << 16) | (n << 5) | d;
    }

    // ---- AES ----

    private static final int[] RCON = {0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80, 0x1B, 0x36};

    /** AES-128 key expansion (FIPS-197 5.2); SubWord uses AESE on a zero key to reach the S-box. */
    private byte[][] expandKey(byte[] key) {
        byte[][] rk = new byte[11][16];
        rk[0] = key.clone();
        for (int r = 1; r <= 10; r++) {
            byte[] prev = rk[r - 1];
            // SubBytes of the last word via AESE with a zero round key. AESE also applies ShiftRows
            // (result byte i = operand byte 0, 5, 10, 15 for i = 0..3), so place the word there.
            byte[] tmp = new byte[16];
            tmp[0] = prev[12];
            tmp[5] = prev[13];
            tmp[10] = prev[14];
            tmp[15] = prev[15];
            setV(20, tmp, 0);
            c.setV(21, 0, 0);
            exec(0x4e284800 | dn(20, 21));
            byte[] s = getV(20);
            byte[] t = {s[1], s[2], s[3], s[0]}; // RotWord of SubWord: bytes 0..3 are S(w3 bytes)
            t[0] ^= (byte) RCON[r - 1];
            byte[] cur = new byte[16];
            for (int i = 0; i < 16; i++) {
                cur[i] = (byte) (prev[i] ^ (i < 4 ? t[i] : cur[i - 4]));
            }
            rk[r] = cur;
        }
        return rk;
    }

    /** Round keys 0..10 of {@code key} (expanded with AESE, see {@link #expandKey}) in V1..V11. */
    private void loadRoundKeys(byte[] key) {
        byte[][] rk = expandKey(key);
        for (int i = 0; i <= 10; i++) {
            setV(1 + i, rk[i], 0);
        }
    }

    /** The oracle: javax.crypto's AES-128 encryption of one block. */
    private static byte[] javaxAesEncrypt(byte[] key, byte[] block) throws Exception {
        Cipher cipher = Cipher.getInstance("AES/ECB/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        return cipher.doFinal(block);
    }

    @Test
    void aeseAesmcRoundsEncryptLikeJavaxCryptoAes() throws Exception {
        byte[] key = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        byte[] plain = "hypervisor test!".getBytes(StandardCharsets.US_ASCII);
        byte[] expected = javaxAesEncrypt(key, plain);

        loadRoundKeys(key);
        setV(0, plain, 0);
        for (int i = 0; i < 9; i++) {
            exec(0x4e284800 | dn(0, 1 + i)); // aese v0.16b, v(1+i).16b
            exec(0x4e286800 | dn(0, 0));     // aesmc v0.16b, v0.16b
        }
        exec(0x4e284800 | dn(0, 10));        // aese v0.16b, v10.16b
        exec(0x6e201c00 | dnm(0, 0, 11));    // eor v0.16b, v0.16b, v11.16b
        assertArrayEquals(expected, getV(0));
    }

    @Test
    void aesdAesimcRoundsDecryptWhatJavaxCryptoEncrypted() throws Exception {
        byte[] key = "EL2 Studio key!!".getBytes(StandardCharsets.US_ASCII);
        byte[] plain = "sixteen byte msg".getBytes(StandardCharsets.US_ASCII);
        byte[] ct = javaxAesEncrypt(key, plain);

        loadRoundKeys(key);
        // Equivalent inverse cipher: the middle round keys pass through InvMixColumns (AESIMC).
        for (int i = 1; i <= 9; i++) {
            exec(0x4e287800 | dn(1 + i, 1 + i)); // aesimc
        }
        setV(0, ct, 0);
        exec(0x4e285800 | dn(0, 11));            // aesd v0.16b, v11.16b
        for (int i = 9; i >= 1; i--) {
            exec(0x4e287800 | dn(0, 0));         // aesimc v0.16b, v0.16b
            exec(0x4e285800 | dn(0, 1 + i));     // aesd v0.16b, v(1+i).16b
        }
        exec(0x6e201c00 | dnm(0, 0, 1));         // eor v0.16b, v0.16b, v1.16b
        assertArrayEquals(plain, getV(0));
    }

    // ---- SHA ----

    /** One padded 64-byte block of a short message (FIPS 180-4 5.1.1). */
    private static byte[] padOneBlock(byte[] msg) {
        byte[] b = new byte[64];
        System.arraycopy(msg, 0, b, 0, msg.length);
        b[msg.length] = (byte) 0x80;
        long bits = 8L * msg.length;
        for (int i = 0; i < 8; i++) {
            b[63 - i] = (byte) (bits >>> (8 * i));
        }
        return b;
    }

    /** Message words W0..15 as four 4S vectors (big-endian words) in V4..V7. */
    private void loadMessage(byte[] block) {
        ByteBuffer bb = ByteBuffer.wrap(block).order(ByteOrder.BIG_ENDIAN);
        for (int q = 0; q < 4; q++) {
            long w0 = bb.getInt() & 0xFFFFFFFFL, w1 = bb.getInt() & 0xFFFFFFFFL;
            long w2 = bb.getInt() & 0xFFFFFFFFL, w3 = bb.getInt() & 0xFFFFFFFFL;
            c.setV(4 + q, w0 | (w1 << 32), w2 | (w3 << 32));
        }
    }

    private void setWords(int r, int w0, int w1, int w2, int w3) {
        c.setV(r, (w0 & 0xFFFFFFFFL) | ((long) w1 << 32), (w2 & 0xFFFFFFFFL) | ((long) w3 << 32));
    }

    private int word(int r, int i) {
        return (int) ((i < 2 ? c.vlo(r) : c.vhi(r)) >>> (32 * (i & 1)));
    }

    /** V16 = Vsrc + {k, k, k, k} lane-wise (done in Java: only the SHA instructions are under test). */
    private void addK(int src, int k0, int k1, int k2, int k3) {
        setWords(16, word(src, 0) + k0, word(src, 1) + k1, word(src, 2) + k2, word(src, 3) + k3);
    }

    private static byte[] digest(int... h) {
        ByteBuffer bb = ByteBuffer.allocate(4 * h.length);
        for (int x : h) {
            bb.putInt(x);
        }
        return bb.array();
    }

    @Test
    void sha1InstructionsCompressLikeMessageDigest() throws Exception {
        byte[] msg = "the quick brown hypervisor".getBytes(StandardCharsets.US_ASCII);
        byte[] expected = MessageDigest.getInstance("SHA-1").digest(msg);
        int[] h = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
        int[] k = {0x5A827999, 0x6ED9EBA1, 0x8F1BBCDC, 0xCA62C1D6};
        loadMessage(padOneBlock(msg));
        setWords(0, h[0], h[1], h[2], h[3]);
        c.setScalar(1, h[4] & 0xFFFFFFFFL, 32);
        int[] w = {4, 5, 6, 7};
        for (int q = 0; q < 20; q++) {
            int kk = k[q / 5];
            addK(w[q % 4], kk, kk, kk, kk);
            exec(0x5e280800 | dn(2, 0));                 // sha1h s2, s0
            int op = q < 5 ? 0x0000 : q < 10 || q >= 15 ? 0x1000 : 0x2000;
            exec(0x5e000000 | op | dnm(0, 1, 16));       // sha1c/p/m q0, s1, v16.4s
            exec(0x4ea21c40 | dn(1, 2));                 // mov v1.16b, v2.16b (orr)
            if (q < 16) {
                int a = w[q % 4], b = w[(q + 1) % 4], cc = w[(q + 2) % 4], d = w[(q + 3) % 4];
                exec(0x5e003000 | dnm(a, b, cc));        // sha1su0 va, vb, vc
                exec(0x5e281800 | dn(a, d));             // sha1su1 va, vd
            }
        }
        byte[] got = digest(word(0, 0) + h[0], word(0, 1) + h[1], word(0, 2) + h[2], word(0, 3) + h[3], word(1, 0) + h[4]);
        assertArrayEquals(expected, got);
    }

    /** First 32 bits of the fractional part of the cube root of the first 64 primes (FIPS 180-4 4.2.2). */
    private static int[] sha256K() {
        int[] k = new int[64];
        int n = 0;
        for (int p = 2; n < 64; p++) {
            if (BigInteger.valueOf(p).isProbablePrime(50)) {
                BigInteger scaled = BigInteger.valueOf(p).shiftLeft(96); // cbrt(p * 2^96) = cbrt(p) * 2^32
                k[n++] = icbrt(scaled).intValue();
            }
        }
        return k;
    }

    private static BigInteger icbrt(BigInteger v) {
        BigInteger x = BigInteger.ONE.shiftLeft(v.bitLength() / 3 + 1);
        while (true) {
            BigInteger y = x.shiftLeft(1).add(v.divide(x.multiply(x))).divide(BigInteger.valueOf(3));
            if (y.compareTo(x) >= 0) {
                return x;
            }
            x = y;
        }
    }

    @Test
    void sha256InstructionsCompressLikeMessageDigest() throws Exception {
        byte[] msg = "abc EL2 Studio".getBytes(StandardCharsets.US_ASCII);
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(msg);
        int[] h = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
        int[] k = sha256K();
        loadMessage(padOneBlock(msg));
        setWords(0, h[0], h[1], h[2], h[3]);
        setWords(1, h[4], h[5], h[6], h[7]);
        int[] w = {4, 5, 6, 7};
        for (int q = 0; q < 16; q++) {
            addK(w[q % 4], k[4 * q], k[4 * q + 1], k[4 * q + 2], k[4 * q + 3]);
            exec(0x4ea01c00 | dnm(2, 0, 0));             // mov v2.16b, v0.16b
            exec(0x5e004000 | dnm(0, 1, 16));            // sha256h q0, q1, v16.4s
            exec(0x5e005000 | dnm(1, 2, 16));            // sha256h2 q1, q2, v16.4s
            if (q < 12) {
                int a = w[q % 4], b = w[(q + 1) % 4], cc = w[(q + 2) % 4], d = w[(q + 3) % 4];
                exec(0x5e282800 | dn(a, b));             // sha256su0 va, vb
                exec(0x5e006000 | dnm(a, cc, d));        // sha256su1 va, vc, vd
            }
        }
        byte[] got = digest(word(0, 0) + h[0], word(0, 1) + h[1], word(0, 2) + h[2], word(0, 3) + h[3],
                word(1, 0) + h[4], word(1, 1) + h[5], word(1, 2) + h[6], word(1, 3) + h[7]);
        assertArrayEquals(expected, got);
    }
}
