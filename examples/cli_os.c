/* examples/cli_os.c - the few system calls the CLI spells differently on POSIX and on Windows
 * (MinGW-w64): a monotonic clock, the terminal test, the processor count, folders, replacing
 * rename, the system's error text, a name glob and the read guard (a mapped model file that
 * shrinks while it is read). The library needs none of them. */
#ifndef _WIN32
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE    /* glibc, musl: MAP_ANONYMOUS, BUS_ADRERR */
#define _DARWIN_C_SOURCE   /* macOS: MAP_ANON */
#endif
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#ifdef _WIN32
#include <windows.h>
#include <direct.h>
#include <io.h>
#else
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#if !defined(MAP_ANONYMOUS) && defined(MAP_ANON)
#define MAP_ANONYMOUS MAP_ANON
#endif
#endif

double cli_now(void) {
#ifdef _WIN32
    LARGE_INTEGER f, c;
    QueryPerformanceFrequency(&f);
    QueryPerformanceCounter(&c);
    return (double)c.QuadPart / (double)f.QuadPart;
#else
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
#endif
}

int cli_stderr_is_tty(void) {
#ifdef _WIN32
    return _isatty(2) != 0;
#else
    return isatty(2) != 0;
#endif
}

int cli_cpu_count(void) {
#ifdef _WIN32
    SYSTEM_INFO si;
    GetSystemInfo(&si);
    return si.dwNumberOfProcessors > 0 ? (int)si.dwNumberOfProcessors : 1;
#else
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 && n < 4096 ? (int)n : 1;
#endif
}

int cli_mkdir(const char *dir) {
#ifdef _WIN32
    return _mkdir(dir);
#else
    return mkdir(dir, 0777);
#endif
}

/* POSIX rename replaces `to`; Windows' rename refuses an existing one, MoveFileEx does not. */
int cli_rename_over(const char *from, const char *to) {
#ifdef _WIN32
    if (MoveFileExA(from, to, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) return 0;
    errno = EACCES;
    return -1;
#else
    return rename(from, to);
#endif
}

/* Thread-safe (scan's threads): strerror_s on Windows, strerror_r elsewhere. */
const char *cli_os_reason(int os_error, char *buf, size_t cap) {
    if (!cap) return "";
    buf[0] = 0;
    if (!os_error) return buf;
#if defined(_WIN32)
    if (strerror_s(buf, cap, os_error) != 0) snprintf(buf, cap, "error %d", os_error);
#elif defined(__GLIBC__) && defined(_GNU_SOURCE)   /* g++ defines _GNU_SOURCE: the GNU strerror_r */
    {
        const char *s = strerror_r(os_error, buf, cap);
        if (s != buf) snprintf(buf, cap, "%s", s);
    }
#else
    if (strerror_r(os_error, buf, cap) != 0) snprintf(buf, cap, "error %d", os_error);   /* XSI */
#endif
    return buf;
}

/* `*` any run, `?` one byte, everything else itself; iterative (the last `*` is retried), so
   no pattern is exponential. */
int cli_glob_match(const char *glob, const char *s) {
    const char *star = NULL, *resume = NULL;
    while (*s) {
        if (*glob == '*') { star = glob++; resume = s; }
        else if (*glob == '?' || *glob == *s) { glob++; s++; }
        else if (star) { glob = star + 1; s = ++resume; }
        else return 0;
    }
    while (*glob == '*') glob++;
    return *glob == 0;
}

/* ---- the read guard ----
   The format readers parse a model through the mapping the library made (hln_file_map), so a
   file another process truncates meanwhile has pages past its new end, and touching one raises
   SIGBUS. Between begin and end, on the calling thread, the handler maps a page of zeros over
   the faulting page (MAP_FIXED; the library's munmap of the whole mapping removes it too) and
   returns: the read is retried and sees zeros, the parse goes on over those bytes as over any
   hostile input and unwinds through its own error paths (nothing leaks, nothing is left
   half-built, as a longjmp out of the library would leave it), and the guard is marked tripped
   for the caller to report. A SIGBUS on a thread without a guard, or of another kind, gets the
   disposition there was before (the process dies as it would have). Windows: no-op (a mapped
   file cannot be truncated there). */
#ifndef _WIN32
static pthread_once_t   guard_once = PTHREAD_ONCE_INIT;
static pthread_key_t    guard_key;
static int              guard_ready;
static long             guard_page = 4096;
static struct sigaction guard_previous;

static void guard_handler(int sig, siginfo_t *si, void *context) {
    cli_read_guard *g = guard_ready ? (cli_read_guard *)pthread_getspecific(guard_key) : NULL;
    int saved = errno;
    (void)sig; (void)context;
    if (g && si->si_code == BUS_ADRERR) {
        void *page = (void *)((uintptr_t)si->si_addr & ~(uintptr_t)(guard_page - 1));
        if (mmap(page, (size_t)guard_page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != MAP_FAILED) {
            g->tripped = 1;
            errno = saved;
            return;
        }
    }
    sigaction(SIGBUS, &guard_previous, NULL);   /* not ours: the fault repeats under the old disposition */
    errno = saved;
}
static void guard_install(void) {
    struct sigaction sa;
    long ps = sysconf(_SC_PAGESIZE);
    if (ps > 0) guard_page = ps;
    if (pthread_key_create(&guard_key, NULL) != 0) return;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = guard_handler;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGBUS, &sa, &guard_previous) == 0) guard_ready = 1;
}
#endif

void cli_read_guard_begin(cli_read_guard *g) {
    g->tripped = 0;
#ifndef _WIN32
    pthread_once(&guard_once, guard_install);
    if (guard_ready) pthread_setspecific(guard_key, g);
#endif
}

int cli_read_guard_end(cli_read_guard *g) {
#ifndef _WIN32
    if (guard_ready) pthread_setspecific(guard_key, NULL);
#endif
    return g->tripped != 0;
}

int cli_read_guard_tripped(void) {
#ifndef _WIN32
    const cli_read_guard *g = guard_ready ? (const cli_read_guard *)pthread_getspecific(guard_key) : NULL;
    return g && g->tripped;
#else
    return 0;
#endif
}
