/* examples/cli_bench.c - `haoline bench [--json] [FILTER]`: the benchmarks (examples/bench*.c).
 * They need POSIX (mmap, fork, getrusage): a Windows build has the verb, which says so. */
#include "cli.h"
#ifndef _WIN32
#include "bench.h"
#endif

#include <stdio.h>
#include <string.h>

static const char *bench_usage =
    "usage: haoline bench [--json] [FILTER]\n"
    "  run the benchmarks whose name contains FILTER (all without one); each row gives GB/s of\n"
    "  the bytes the case names and the ratio to the read bandwidth measured in the same run\n"
    "\n"
    "  --json                one JSON list of rows instead of the table\n";

#ifdef _WIN32
int cmd_bench(int argc, char **argv) {
    if (cli_wants_help(argc, argv)) { fputs(bench_usage, stdout); return 0; }
    fputs("haoline: bench: the benchmarks need a POSIX system (mmap, fork, getrusage); this is a Windows build\n", stderr);
    return EXIT_USAGE;
}
#else
int cmd_bench(int argc, char **argv) {
    bench_ctx ctx;
    char cpu[96];
    int i;
    if (cli_wants_help(argc, argv)) { fputs(bench_usage, stdout); return 0; }
    memset(&ctx, 0, sizeof ctx);
    ctx.out = stdout;
    for (i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0) ctx.json = 1;
        else if (argv[i][0] == '-') return cli_usage_error("unknown bench option '%s'", argv[i]);
        else ctx.filter = argv[i];
    }
    bench_bandwidth(&ctx);
    bench_cpu_model(cpu, sizeof cpu);
    if (ctx.json) fprintf(ctx.out, "[");
    else fprintf(ctx.out, "cpu: %s; read bandwidth (512 MiB): %.2f GB/s one thread, %.2f GB/s two threads; kernels: %s (cpu class %s; per-type paths in the notes)\n\n",
                 cpu, ctx.bandwidth_gb_per_s, ctx.bandwidth2_gb_per_s, hln_k_simd_name(), hln_k_cpu_class());
    bench_parsers(&ctx);
    bench_report(&ctx);
    bench_onnx(&ctx);
    bench_compare(&ctx);
    bench_deploy(&ctx);
    bench_tflite(&ctx);
    bench_convert(&ctx);
    bench_exec(&ctx);
    bench_ir_formats(&ctx);
    bench_kernels(&ctx);
    if (ctx.json) fprintf(ctx.out, "\n]\n");
    return 0;
}
#endif
