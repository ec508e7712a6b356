/* Weights are views: `haoline inspect` of a 270 MB GGUF keeps its peak RSS under 32 MB.
 *
 *   rss_check BUILD/haoline
 *
 * Writes a real (not sparse) 270 MB GGUF, runs `haoline inspect FILE --json` in a child and
 * reads the child's peak RSS from wait4(). Built without sanitizers (their shadow memory
 * would be measured too), from a small process so the fork itself adds little. */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>

#define LIMIT 32000000L
enum { N_TENSORS = 27, ROWS = 2560, COLS = 1024 };

static unsigned char head[8192];
static size_t hn;
static void put(const void *p, size_t n) { memcpy(head + hn, p, n); hn += n; }
static void put_u(uint64_t v, int n) { int i; for (i = 0; i < n; i++) head[hn++] = (unsigned char)(v >> (8 * i)); }
static void put_s(const char *s) { put_u(strlen(s), 8); put(s, strlen(s)); }

int main(int argc, char **argv) {
    char path[] = "/tmp/haoline-rss-XXXXXX";
    static unsigned char chunk[1 << 22];
    uint64_t nbytes = (uint64_t)ROWS * COLS * 4, left;
    int fd, i, status = 0, passed = 0, failed = 0;
    pid_t pid;
    struct rusage ru;
    if (argc != 2) { fprintf(stderr, "usage: rss_check HAOLINE\n"); return 2; }
    put("GGUF", 4); put_u(3, 4); put_u(N_TENSORS, 8); put_u(2, 8);
    put_s("general.architecture"); put_u(8, 4); put_s("llama");
    put_s("llama.block_count"); put_u(4, 4); put_u(3, 4);
    for (i = 0; i < N_TENSORS; i++) {
        char name[64];
        snprintf(name, sizeof name, "blk.%d.w%d.weight", i / 9, i % 9);
        put_s(name); put_u(2, 4); put_u(COLS, 8); put_u(ROWS, 8); put_u(0, 4); put_u((uint64_t)i * nbytes, 8);
    }
    while (hn % 32) head[hn++] = 0;
    for (i = 0; i < (int)sizeof chunk; i++) chunk[i] = (unsigned char)(i * 31 + 7);
    fd = mkstemp(path);
    if (fd < 0 || write(fd, head, hn) != (ssize_t)hn) { perror("rss_check"); return 1; }
    for (left = nbytes * N_TENSORS; left; ) {
        size_t n = left < sizeof chunk ? (size_t)left : sizeof chunk;
        if (write(fd, chunk, n) != (ssize_t)n) { perror("rss_check"); unlink(path); return 1; }
        left -= n;
    }
    close(fd);
    pid = fork();
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        execl(argv[1], argv[1], "inspect", path, "--json", (char *)NULL);
        _exit(127);
    }
    if (pid < 0 || wait4(pid, &status, 0, &ru) != pid) { perror("rss_check"); unlink(path); return 1; }
    unlink(path);
    printf("  file %.0f MB; peak RSS of inspect %.1f MB (limit %.1f MB); exit %d\n",
           (double)(hn + nbytes * N_TENSORS) / 1e6, (double)ru.ru_maxrss * 1024 / 1e6, (double)LIMIT / 1e6,
           WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && ru.ru_maxrss * 1024L < LIMIT) passed++;
    else { failed++; printf("  FAIL rss_check\n"); }
    printf("rss: %d passed, %d failed\n", passed, failed);
    return failed;
}
