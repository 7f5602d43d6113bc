package io.el2studio.sim.isa;

import java.util.List;

import io.el2studio.sim.crypto.Aes;
import io.el2studio.sim.crypto.Sha;
import io.el2studio.sim.crypto.Sm;

/**
 * The cryptographic extension encodings of the Arm ARM encoding index (C4.1.95: "Cryptographic
 * AES", "Cryptographic three-register SHA", "Cryptographic two-register SHA", and the
 * Armv8.2 "Cryptographic three-register SHA512", "four-register", "two-register SHA512", XAR and
 * "three-register, imm2"). Each row is gated by its FEAT_*.
 */
final class CryptoRows {
    private CryptoRows() {
    }

    private static String v(int w, int lsb, String t) {
        return "v" + ((w >>> lsb) & 31) + "." + t;
    }

    /** "op vd.T, vn.T" */
    private static Disasm two(String op, String t) {
        return (w, pc) -> op + " " + v(w, 0, t) + ", " + v(w, 5, t);
    }

    /** "op vd.T, vn.T, vm.T" */
    private static Disasm three(String op, String t) {
        return (w, pc) -> op + " " + v(w, 0, t) + ", " + v(w, 5, t) + ", " + v(w, 16, t);
    }

    /** "op qd, qn, vm.T" (the hash updates; SHA1C..SHA1M take Sn). */
    private static Disasm hash(String op, String n, String t) {
        return (w, pc) -> op + " q" + (w & 31) + ", " + n + ((w >>> 5) & 31) + ", " + v(w, 16, t);
    }

    private static Disasm four(String op, String t) {
        return (w, pc) -> op + " " + v(w, 0, t) + ", " + v(w, 5, t) + ", " + v(w, 16, t) + ", " + v(w, 10, t);
    }

    static void addTo(List<Row> rows) {
        int first = rows.size();
        // Cryptographic AES
        rows.add(new Row("AESE", "01001110 00 10100 00100 10 Rn:5 Rd:5").exec(Aes::aese).dis(two("aese", "16b")).needs(Feature.AES));
        rows.add(new Row("AESD", "01001110 00 10100 00101 10 Rn:5 Rd:5").exec(Aes::aesd).dis(two("aesd", "16b")).needs(Feature.AES));
        rows.add(new Row("AESMC", "01001110 00 10100 00110 10 Rn:5 Rd:5").exec(Aes::aesmc).dis(two("aesmc", "16b")).needs(Feature.AES));
        rows.add(new Row("AESIMC", "01001110 00 10100 00111 10 Rn:5 Rd:5").exec(Aes::aesimc).dis(two("aesimc", "16b")).needs(Feature.AES));

        // Cryptographic three-register SHA
        rows.add(new Row("SHA1C", "01011110 00 0 Rm:5 0 000 00 Rn:5 Rd:5").exec(Sha::sha1c).dis(hash("sha1c", "s", "4s")).needs(Feature.SHA1));
        rows.add(new Row("SHA1P", "01011110 00 0 Rm:5 0 001 00 Rn:5 Rd:5").exec(Sha::sha1p).dis(hash("sha1p", "s", "4s")).needs(Feature.SHA1));
        rows.add(new Row("SHA1M", "01011110 00 0 Rm:5 0 010 00 Rn:5 Rd:5").exec(Sha::sha1m).dis(hash("sha1m", "s", "4s")).needs(Feature.SHA1));
        rows.add(new Row("SHA1SU0", "01011110 00 0 Rm:5 0 011 00 Rn:5 Rd:5").exec(Sha::sha1su0).dis(three("sha1su0", "4s")).needs(Feature.SHA1));
        rows.add(new Row("SHA256H", "01011110 00 0 Rm:5 0 100 00 Rn:5 Rd:5").exec(Sha::sha256h).dis(hash("sha256h", "q", "4s")).needs(Feature.SHA256));
        rows.add(new Row("SHA256H2", "01011110 00 0 Rm:5 0 101 00 Rn:5 Rd:5").exec(Sha::sha256h2).dis(hash("sha256h2", "q", "4s")).needs(Feature.SHA256));
        rows.add(new Row("SHA256SU1", "01011110 00 0 Rm:5 0 110 00 Rn:5 Rd:5").exec(Sha::sha256su1).dis(three("sha256su1", "4s")).needs(Feature.SHA256));

        // Cryptographic two-register SHA
        rows.add(new Row("SHA1H", "01011110 00 10100 00000 10 Rn:5 Rd:5").exec(Sha::sha1h)
                .dis((w, pc) -> "sha1h s" + (w & 31) + ", s" + ((w >>> 5) & 31)).needs(Feature.SHA1));
        rows.add(new Row("SHA1SU1", "01011110 00 10100 00001 10 Rn:5 Rd:5").exec(Sha::sha1su1).dis(two("sha1su1", "4s")).needs(Feature.SHA1));
        rows.add(new Row("SHA256SU0", "01011110 00 10100 00010 10 Rn:5 Rd:5").exec(Sha::sha256su0).dis(two("sha256su0", "4s")).needs(Feature.SHA256));

        // Cryptographic three-register SHA512 (O = 0) and SM3/SM4 (O = 1)
        rows.add(new Row("SHA512H", "11001110 011 Rm:5 1 0 00 00 Rn:5 Rd:5").exec(Sha::sha512h).dis(hash("sha512h", "q", "2d")).needs(Feature.SHA512));
        rows.add(new Row("SHA512H2", "11001110 011 Rm:5 1 0 00 01 Rn:5 Rd:5").exec(Sha::sha512h2).dis(hash("sha512h2", "q", "2d")).needs(Feature.SHA512));
        rows.add(new Row("SHA512SU1", "11001110 011 Rm:5 1 0 00 10 Rn:5 Rd:5").exec(Sha::sha512su1).dis(three("sha512su1", "2d")).needs(Feature.SHA512));
        rows.add(new Row("RAX1", "11001110 011 Rm:5 1 0 00 11 Rn:5 Rd:5").exec(Sm::rax1).dis(three("rax1", "2d")).needs(Feature.SHA3));
        rows.add(new Row("SM3PARTW1", "11001110 011 Rm:5 1 1 00 00 Rn:5 Rd:5").exec(Sm::sm3partw1).dis(three("sm3partw1", "4s")).needs(Feature.SM3));
        rows.add(new Row("SM3PARTW2", "11001110 011 Rm:5 1 1 00 01 Rn:5 Rd:5").exec(Sm::sm3partw2).dis(three("sm3partw2", "4s")).needs(Feature.SM3));
        rows.add(new Row("SM4EKEY", "11001110 011 Rm:5 1 1 00 10 Rn:5 Rd:5").exec(Sm::sm4ekey).dis(three("sm4ekey", "4s")).needs(Feature.SM4));

        // Cryptographic four-register
        rows.add(new Row("EOR3", "110011100 00 Rm:5 0 Ra:5 Rn:5 Rd:5").exec(Sm::eor3).dis(four("eor3", "16b")).needs(Feature.SHA3));
        rows.add(new Row("BCAX", "110011100 01 Rm:5 0 Ra:5 Rn:5 Rd:5").exec(Sm::bcax).dis(four("bcax", "16b")).needs(Feature.SHA3));
        rows.add(new Row("SM3SS1", "110011100 10 Rm:5 0 Ra:5 Rn:5 Rd:5").exec(Sm::sm3ss1).dis(four("sm3ss1", "4s")).needs(Feature.SM3));

        // XAR
        rows.add(new Row("XAR", "11001110100 Rm:5 imm6:6 Rn:5 Rd:5").exec(Sm::xar)
                .dis((w, pc) -> "xar " + v(w, 0, "2d") + ", " + v(w, 5, "2d") + ", " + v(w, 16, "2d") + ", #" + ((w >>> 10) & 63))
                .needs(Feature.SHA3));

        // Cryptographic three-register, imm2
        String[] tt = {"sm3tt1a", "sm3tt1b", "sm3tt2a", "sm3tt2b"};
        Exec[] ttExec = {Sm::sm3tt1a, Sm::sm3tt1b, Sm::sm3tt2a, Sm::sm3tt2b};
        for (int op = 0; op < 4; op++) {
            String mn = tt[op];
            rows.add(new Row(mn.toUpperCase(), "11001110010 Rm:5 10 imm2:2 " + (op >> 1) + (op & 1) + " Rn:5 Rd:5").exec(ttExec[op])
                    .dis((w, pc) -> mn + " " + v(w, 0, "4s") + ", " + v(w, 5, "4s") + ", v" + ((w >>> 16) & 31) + ".s[" + ((w >>> 12) & 3) + "]")
                    .needs(Feature.SM3));
        }

        // Cryptographic two-register SHA512
        rows.add(new Row("SHA512SU0", "11001110110000001000 00 Rn:5 Rd:5").exec(Sha::sha512su0).dis(two("sha512su0", "2d")).needs(Feature.SHA512));
        rows.add(new Row("SM4E", "11001110110000001000 01 Rn:5 Rd:5").exec(Sm::sm4e).dis(two("sm4e", "4s")).needs(Feature.SM4));
        SimdRows.guardFpAccess(rows, first);
    }
}
