/**
 * What the engine needs of a stopped target, independent of the simulator: registers of a frame by
 * DWARF number, and memory of an address space. The simulator binding lives in {@code sim}.
 */
package io.el2studio.engine.target;
