package io.el2studio.sim.isa;

import io.el2studio.sim.cpu.Cpu;

/**
 * Executes one decoded instruction. The instruction word is passed again so that handlers
 * extract their fields with plain shifts; the table lookup itself happened once, at decode.
 * On entry {@code cpu.pc} is the address of this instruction and {@code cpu.npc == cpu.pc + 4};
 * a branch writes {@code cpu.npc}. A fault is raised by throwing {@link io.el2studio.sim.cpu.GuestFault}
 * before any architectural state is changed.
 */
@FunctionalInterface
public interface Exec {
    void exec(Cpu cpu, int w);
}
