// The guests' raw images (objcopy -O binary of vm1.elf and vm2.elf), placed by hyp.ld at the
// physical pages that back each VM's IPA 0x40000000. Their ELF files stay beside the microvisor's
// as the symbol files of VMID 1 and VMID 2.
    .section .guest1, "aw"
    .incbin "build/vm1.bin"
    .section .guest2, "aw"
    .incbin "build/vm2.bin"
