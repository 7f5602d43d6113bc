// A vector table per EL whose 16 entries put their offset in x9 and branch to handler<EL>
// (#include from a .S file; the includer defines handler1/handler2/handler3).
    .macro VEC el, off
    .balign 0x80
    mov     x9, #\off
    b       handler\el
    .endm
    .macro VECTORS el
    .balign 0x800
vectors\el:
    VEC \el, 0x000
    VEC \el, 0x080
    VEC \el, 0x100
    VEC \el, 0x180
    VEC \el, 0x200
    VEC \el, 0x280
    VEC \el, 0x300
    VEC \el, 0x380
    VEC \el, 0x400
    VEC \el, 0x480
    VEC \el, 0x500
    VEC \el, 0x580
    VEC \el, 0x600
    VEC \el, 0x680
    VEC \el, 0x700
    VEC \el, 0x780
    .endm
