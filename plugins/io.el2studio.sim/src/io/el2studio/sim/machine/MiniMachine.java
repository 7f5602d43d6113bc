package io.el2studio.sim.machine;

import java.util.ArrayList;
import java.util.List;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.cpu.DecodeCache;
import io.el2studio.sim.isa.Decoder;
import io.el2studio.sim.mem.PhysBus;
import io.el2studio.sim.mem.Ram;

/**
 * The minimal machine used until the virt board exists: RAM and N PEs sharing one decode cache.
 * Test programs talk to the outside world through semihosting.
 */
public final class MiniMachine {
    public final PhysBus bus;
    public final DecodeCache decodeCache;
    public final List<Cpu> cpus = new ArrayList<>();
    public final CpuProfile profile;

    public MiniMachine(CpuProfile profile, long ramBase, long ramSize, int cpuCount) {
        this.profile = profile;
        this.bus = new PhysBus(new Ram(ramBase, ramSize));
        this.decodeCache = new DecodeCache(bus, new Decoder(profile.features()));
        for (int i = 0; i < cpuCount; i++) {
            cpus.add(new Cpu(i, profile, bus, decodeCache));
        }
        // The MMU of every PE (stage 1, stage 2, TLB); the PEs form one Inner Shareable domain.
        // QEMU 7.2 (the oracle of the differential tests run on this machine) lets unaligned data
        // accesses complete with stage 1 disabled, where the architecture makes them Device accesses
        // that take an Alignment fault: this machine follows QEMU there (see Mmu#alignDeviceWhenStage1Off).
        for (io.el2studio.sim.mmu.Mmu m : io.el2studio.sim.mmu.Mmu.install(cpus)) {
            m.setAlignDeviceWhenStage1Off(false);
        }
    }

    public Cpu cpu(int i) {
        return cpus.get(i);
    }

    public void load(long pa, byte[] data) {
        bus.load(pa, data, 0, data.length);
    }
}
