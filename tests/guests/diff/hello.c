/* Console paths of semihosting: SYS_WRITEC, SYS_WRITE0, SYS_OPEN(":tt") + SYS_WRITE; exit status. */
#include "lib.h"

int main(void)
{
    sh_writec('H');
    sh_writec('\n');
    sh_write0("write0 line\n");
    printf("printf %d %u %x %5d|%-5d|%05x %s %c %ld\n", -42, 42u, 0xbeefu, 7, 7, 0xab, "str", 'c', -1234567890123L);
    flush();
    return 3;
}
