package io.el2studio.sim.tests.simd;

import io.el2studio.sim.isa.Row;

/**
 * Which rows of the A64 table belong to the Advanced SIMD integer and cryptographic groups (H5a's
 * files): recognised by the class that created their handler.
 */
public final class SimdRowSet {
    private SimdRowSet() {
    }

    private static final String[] OWNERS = {
        "io.el2studio.sim.isa.SimdRows", "io.el2studio.sim.isa.SimdShiftRows", "io.el2studio.sim.isa.SimdScalarRows",
        "io.el2studio.sim.isa.CryptoRows", "io.el2studio.sim.simd.SimdInt", "io.el2studio.sim.crypto."
    };

    public static boolean isOurs(Row r) {
        if (r == null) {
            return false;
        }
        String n = r.exec().getClass().getName();
        for (String o : OWNERS) {
            if (n.startsWith(o)) {
                return true;
            }
        }
        return false;
    }

    private static final java.util.Set<String> CRYPTO_PREFIXES = java.util.Set.of("AES", "SHA1", "SHA256", "SHA512", "SM3", "SM4", "RAX1", "XAR", "EOR3", "BCAX");

    /** The cryptographic extension rows (CryptoRows), by their Arm ARM names. */
    public static boolean isCrypto(Row r) {
        String n = r.name();
        for (String p : CRYPTO_PREFIXES) {
            if (n.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
