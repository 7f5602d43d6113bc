package io.el2studio.sim.isa;

/**
 * Extra decode condition of a row beyond its fixed bits, e.g. "size != 11" or "imms < 32 when sf == 0".
 * A word that fails the guard is not this row; the decoder tries the following rows.
 */
@FunctionalInterface
public interface Guard {
    boolean allocated(int w);
}
