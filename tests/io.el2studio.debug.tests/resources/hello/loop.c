/* A guest that never ends: the debugger must still suspend it at once and terminate it. */
volatile unsigned long spins;

int main(void)
{
    for (;;)
        spins++;
}
