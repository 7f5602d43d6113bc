package io.el2studio.sim.tests.simd;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;

import io.el2studio.sim.isa.A64Table;
import io.el2studio.sim.isa.Decoder;
import io.el2studio.sim.isa.Feature;
import io.el2studio.sim.isa.Row;

/**
 * Records the oracle files of {@link SimdOracleTest}: for every Advanced SIMD integer and crypto row,
 * random encodings run under qemu-aarch64 -cpu max through a small static program
 * (resources/simd/oracle/oracle.c + stub.S, built with aarch64-linux-gnu-gcc -static) that loads a
 * register state, executes the word and stores the state back. Not a test: run by hand with
 * {@code java ... OracleCaseGenerator <resources dir> <oracle binary>} when rows are added.
 */
public final class OracleCaseGenerator {
    private static final int REC = 776;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String oracle = args[1];
        int perRow = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        Decoder all = new Decoder(EnumSet.allOf(Feature.class));
        List<int[]> simd = new ArrayList<>(), crypto = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(0x5EED);
        long seedBase = 1;
        for (Row row : A64Table.rows()) {
            if (!SimdRowSet.isOurs(row)) {
                continue;
            }
            int made = 0;
            for (int tries = 0; made < perRow && tries < perRow * 50; tries++) {
                int w = (r.nextInt() & ~row.mask()) | row.value();
                if (all.decode(w) != row) {
                    continue;
                }
                (SimdRowSet.isCrypto(row) ? crypto : simd).add(new int[] {w, (int) seedBase++});
                made++;
            }
        }
        // Unallocated words of the Advanced SIMD data-processing classes (bit 31 = 0, bits 28:24 =
        // 01110, 01111, 11110, 11111) and of the crypto space (0xCE......): no row decodes them.
        int[] tops = {0x0E000000, 0x0F000000, 0x1E000000, 0x1F000000};
        List<int[]> undef = new ArrayList<>();
        while (undef.size() < 400) {
            int w = undef.size() % 5 == 4 ? (r.nextInt() & 0x00FFFFFF) | 0xCE000000 : (r.nextInt() & 0x60FFFFFF) | tops[r.nextInt(4)];
            if (all.decode(w) == null) {
                undef.add(new int[] {w, (int) seedBase++});
            }
        }
        write(dir.resolve("simd-oracle.txt"), simd, oracle, false);
        write(dir.resolve("crypto-oracle.txt"), crypto, oracle, false);
        write(dir.resolve("undefined-oracle.txt"), undef, oracle, true);
    }

    private static void write(Path file, List<int[]> cases, String oracle, boolean onlyUndef) throws IOException, InterruptedException {
        ByteBuffer in = ByteBuffer.allocate(REC * cases.size()).order(ByteOrder.LITTLE_ENDIAN);
        for (int[] c : cases) {
            OracleCases.State s = OracleCases.state(c[1]);
            in.putInt(c[0]).putInt(0);
            for (long v : s.v()) {
                in.putLong(v);
            }
            for (long x : s.x()) {
                in.putLong(x);
            }
            in.putLong(0);
        }
        Process p = new ProcessBuilder("qemu-aarch64", "-cpu", "max", oracle).start();
        Thread feeder = new Thread(() -> {
            try (OutputStream o = p.getOutputStream()) {
                o.write(in.array());
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        feeder.start();
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        try (InputStream o = p.getInputStream()) {
            o.transferTo(outBytes);
        }
        p.waitFor();
        feeder.join();
        ByteBuffer out = ByteBuffer.wrap(outBytes.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        StringBuilder b = new StringBuilder("# word seed changes: recorded from qemu-aarch64 7.2 -cpu max by OracleCaseGenerator\n");
        for (int[] c : cases) {
            int w = out.getInt();
            int flag = out.getInt();
            long[] v = new long[64];
            long[] x = new long[31];
            for (int i = 0; i < 64; i++) {
                v[i] = out.getLong();
            }
            for (int i = 0; i < 31; i++) {
                x[i] = out.getLong();
            }
            long fpsr = out.getLong();
            String ch = flag == 0xDEAD ? "undef" : OracleCases.changes(OracleCases.state(c[1]), v, x, fpsr);
            if (onlyUndef && flag != 0xDEAD) {
                System.err.printf("%08x: no row decodes it, but qemu executes it%n", w);
                continue;
            }
            b.append(String.format("%08x %x %s%n", w, c[1], ch));
        }
        Files.writeString(file, b.toString());
    }
}
