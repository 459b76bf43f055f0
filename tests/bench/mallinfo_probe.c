// LD_PRELOAD probe for tests/bench/soak.sh (glibc only): every STAMPEDE_MALLINFO_MS (default 10000) ms,
// appends "seconds,in_use_mb,free_mb,mmapped_mb" to $STAMPEDE_MALLINFO_OUT, from mallinfo2():
//   in_use   bytes malloc'ed and not freed (every arena; what heaptrack would call the heap)
//   free     bytes free inside the arenas but not returned to the system (fragmentation, top pad)
//   mmapped  large blocks served by mmap (returned to the system on free)
// RSS - (in_use + free + mmapped) is roughly thread stacks, code and other non-malloc memory.
// Build: cc -O2 -shared -fPIC -o mallinfo_probe.so mallinfo_probe.c -lpthread
#define _GNU_SOURCE
#include <fcntl.h>
#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static void *probe(void *arg)
{
    const char *path = (const char *)arg;
    const char *ms = getenv("STAMPEDE_MALLINFO_MS");
    const long interval = ms ? atol(ms) : 10000;
    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (;;) {
        struct mallinfo2 mi = mallinfo2();
        clock_gettime(CLOCK_MONOTONIC, &now);
        const int fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0644); // no stdio: no malloc here
        if (fd >= 0) {
            dprintf(fd, "%.1f,%.1f,%.1f,%.1f\n",
                (double)(now.tv_sec - start.tv_sec) + (now.tv_nsec - start.tv_nsec) / 1e9,
                (double)mi.uordblks / 1048576.0, (double)mi.fordblks / 1048576.0, (double)mi.hblkhd / 1048576.0);
            close(fd);
        }
        struct timespec d = { interval / 1000, (interval % 1000) * 1000000L };
        nanosleep(&d, NULL);
    }
    return NULL;
}

__attribute__((constructor)) static void start_probe(void)
{
    const char *path = getenv("STAMPEDE_MALLINFO_OUT");
    if (!path || !*path)
        return;
    unsetenv("LD_PRELOAD"); // children (none expected) do not inherit the probe
    pthread_t t;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_create(&t, &attr, probe, (void *)path);
    pthread_attr_destroy(&attr);
}
