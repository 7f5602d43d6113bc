#define UART ((volatile unsigned int *) 0x09000000)

static void put(const char *s)
{
    while (*s)
        *UART = *s++;
}

int counter;

static int add(int a, int b)
{
    return a + b;
}

int main(void)
{
    put("hello from EL2\n");
    for (int i = 0; i < 3; i++)
        counter = add(counter, i);
    put("done\n");
    return counter;
}
