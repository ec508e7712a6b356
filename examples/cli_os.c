/* examples/cli_os.c - the few system calls the CLI spells differently on POSIX and on Windows
 * (MinGW-w64): a monotonic clock, the terminal test, the processor count, folders, replacing
 * rename, the system's error text and a name glob. The library needs none of them. */
#ifndef _WIN32
#define _POSIX_C_SOURCE 200809L
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
#include <sys/stat.h>
#include <unistd.h>
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
