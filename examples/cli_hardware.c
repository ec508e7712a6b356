/* examples/cli_hardware.c - `haoline hardware`: the hardware profiles (docs/hardware.md). */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *hardware_usage =
    "usage: haoline hardware [NAME] [options]   list the hardware profiles, or show one\n"
    "\n"
    "  NAME                  show one profile with its sources (case-insensitive)\n"
    "  --filter TEXT         only the profiles whose name or label contains TEXT\n"
    "  --sort COLUMN         name, kind, memory, bandwidth, fp32, tf32, fp16, bf16, fp8, int8,\n"
    "                        int4 or tdp (numbers: largest first; unknown figures last)\n"
    "  --json                a bare JSON list of {name, kind, memory_bytes, bandwidth_gb_per_s,\n"
    "                        peak_tflops {...}, tdp_w, sources[]} on stdout\n"
    "  --hardware-file F     add or override profiles from F (format in docs/hardware.md)\n"
    "\n"
    "Bandwidth is decimal GB/s; peaks are dense (never 2:4-sparse) TFLOPS, INT figures TOPS;\n"
    "'-' is a figure the vendor does not publish.\n"
    "Exit status: 0 ok, 1 a hardware file could not be read, 2 bad usage or unknown name.\n";

/* Sort keys: 0 name, 1 kind, 2 memory, 3 bandwidth, 4.. peaks, 4 + HLN_PREC_COUNT tdp. */
static const char *const sort_names[] = { "name", "kind", "memory", "bandwidth", "fp32", "tf32", "fp16", "bf16",
                                          "fp8", "int8", "int4", "tdp" };
#define N_SORT (sizeof sort_names / sizeof sort_names[0])
static int sort_key;

static double sort_value(const hln_hw_profile *p) {
    if (sort_key == 2) return (double)p->memory_bytes;
    if (sort_key == 3) return p->bandwidth_gb_per_s;
    if (sort_key >= 4 && sort_key < 4 + HLN_PREC_COUNT) return p->peak[sort_key - 4];
    return p->tdp_w;
}
static int cmp_profiles(const void *a, const void *b) {
    const hln_hw_profile *x = *(const hln_hw_profile *const *)a, *y = *(const hln_hw_profile *const *)b;
    double vx, vy;
    if (sort_key == 0) return strcmp(x->name, y->name);
    if (sort_key == 1) return x->kind != y->kind ? (int)x->kind - (int)y->kind : strcmp(x->name, y->name);
    vx = sort_value(x);
    vy = sort_value(y);
    if (vx != vy) return vx > vy ? -1 : 1;
    return strcmp(x->name, y->name);
}

static int tolower_ascii(int c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; }
static int contains_ci(const char *hay, const char *needle) {
    size_t n = strlen(needle), i;
    for (; *hay; hay++) {
        for (i = 0; i < n && hay[i] && tolower_ascii(hay[i]) == tolower_ascii(needle[i]); i++) {}
        if (i == n) return 1;
    }
    return n == 0;
}

static void fig(char *buf, size_t cap, double v) {
    if (v > 0) snprintf(buf, cap, "%.1f", v); else snprintf(buf, cap, "-");
}

static void print_one(const hln_hw_profile *p) {
    char a[32];
    uint32_t k;
    printf("%s\n  label           %s\n  kind            %s\n", p->name, p->label, hln_hw_kind_name(p->kind));
    if (p->memory_bytes) {
        hln_report_fmt_bytes(a, sizeof a, (double)p->memory_bytes);
        printf("  memory          %s (%llu bytes)\n", a, (unsigned long long)p->memory_bytes);
    } else printf("  memory          -\n");
    fig(a, sizeof a, p->bandwidth_gb_per_s);
    printf("  bandwidth       %s GB/s (decimal)", a);
    if (p->bus_bits && p->mt_per_s > 0) printf(": %u-bit bus at %.0f MT/s", p->bus_bits, p->mt_per_s);
    printf("\n  dense peaks    ");
    for (k = 0; k < HLN_PREC_COUNT; k++) {
        fig(a, sizeof a, p->peak[k]);
        printf(" %s %s", hln_prec_name((hln_prec)k), a);
    }
    fig(a, sizeof a, p->tdp_w);
    printf("  (TFLOPS; int8/int4 TOPS)\n  TDP             %s W\n  sources\n", a);
    for (k = 0; k < HLN_HW_MAX_SOURCES && p->sources[k]; k++) printf("    %s\n", p->sources[k]);
}

static void print_table(const hln_hw_profile *const *list, uint32_t n) {
    uint32_t i, k;
    printf("%-28s %-4s %10s %9s", "name", "kind", "memory", "GB/s");
    for (k = 0; k < HLN_PREC_COUNT; k++) printf(" %7s", hln_prec_name((hln_prec)k));
    printf(" %6s\n", "TDP W");
    for (i = 0; i < n; i++) {
        const hln_hw_profile *p = list[i];
        char a[32];
        if (p->memory_bytes) hln_report_fmt_bytes(a, sizeof a, (double)p->memory_bytes); else snprintf(a, sizeof a, "-");
        printf("%-28s %-4s %10s", p->name, hln_hw_kind_name(p->kind), a);
        fig(a, sizeof a, p->bandwidth_gb_per_s);
        printf(" %9s", a);
        for (k = 0; k < HLN_PREC_COUNT; k++) { fig(a, sizeof a, p->peak[k]); printf(" %7s", a); }
        fig(a, sizeof a, p->tdp_w);
        printf(" %6s\n", a);
    }
    printf("%u profiles; dense peaks in TFLOPS (int8/int4: TOPS); 'haoline hardware NAME' for sources\n", n);
}

int cli_unknown_hardware(const hln_hw_list *l, const char *name) {
    const hln_hw_profile *near[6];
    uint32_t n = hln_hw_near(l, name, near, 6), i;
    fprintf(stderr, "haoline: unknown hardware '%s'", name);
    if (n) {
        fprintf(stderr, "; did you mean");
        for (i = 0; i < n; i++) fprintf(stderr, "%s %s", i ? "," : "", near[i]->name);
        fprintf(stderr, "?");
    }
    fprintf(stderr, "\nTry 'haoline hardware' for the list.\n");
    return EXIT_USAGE;
}

int cli_load_hardware_file(hln_hw_list *l, const char *path) {
    hln_mapped map;
    hln_error err;
    hln_result r;
    memset(&err, 0, sizeof err);
    if (hln_file_map(path, &map, &err) != HLN_OK) {
        fprintf(stderr, "haoline: %s: cannot read the hardware file\n", path);
        return EXIT_BAD_INPUT;
    }
    r = hln_hw_list_load(l, (const char *)map.data, (size_t)map.size, &err);
    hln_file_unmap(&map);
    if (r != HLN_OK) {
        fprintf(stderr, "haoline: %s: %s\n", path, err.message[0] ? err.message : hln_result_string(r));
        return EXIT_BAD_INPUT;
    }
    return 0;
}

int cmd_hardware(int argc, char **argv) {
    const char *name = NULL, *filter = NULL, *file = NULL, *sort = "name";
    int want_json = 0, i, rc = 0;
    uint32_t n = 0, k;
    hln_hw_list l;
    const hln_hw_profile **list;

    if (cli_wants_help(argc, argv)) { fputs(hardware_usage, stdout); return 0; }
    for (i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--json") == 0) want_json = 1;
        else if (strcmp(a, "--filter") == 0 || strcmp(a, "--sort") == 0 || strcmp(a, "--hardware-file") == 0) {
            if (i + 1 >= argc) return cli_usage_error("%s needs a value", a);
            if (a[2] == 'f') filter = argv[++i]; else if (a[2] == 's') sort = argv[++i]; else file = argv[++i];
        } else if (a[0] == '-' && a[1]) return cli_usage_error("unknown option '%s'", a);
        else if (!name) name = a;
        else return cli_usage_error("unexpected argument '%s'", a);
    }
    for (k = 0; k < N_SORT && strcmp(sort, sort_names[k]) != 0; k++) {}
    if (k == N_SORT) return cli_usage_error("unknown --sort column '%s' (name, kind, memory, bandwidth, fp32, tf32, fp16, bf16, fp8, int8, int4, tdp)", sort);
    sort_key = (int)k;
    hln_hw_list_builtin(&l);
    if (file && (rc = cli_load_hardware_file(&l, file)) != 0) return rc;
    if (name) {
        const hln_hw_profile *p = hln_hw_find(&l, name);
        if (!p) { rc = cli_unknown_hardware(&l, name); hln_hw_list_free(&l); return rc; }
        if (want_json) rc = hln_report_hardware_json(&p, 1, cli_write_file, stdout) == HLN_OK ? 0 : EXIT_BAD_INPUT;
        else print_one(p);
        hln_hw_list_free(&l);
        return rc;
    }
    list = (const hln_hw_profile **)malloc((l.n ? l.n : 1) * sizeof *list);
    if (!list) { hln_hw_list_free(&l); fprintf(stderr, "haoline: out of memory\n"); return EXIT_BAD_INPUT; }
    for (k = 0; k < l.n; k++)
        if (!filter || contains_ci(l.items[k].name, filter) || contains_ci(l.items[k].label, filter)) list[n++] = &l.items[k];
    qsort(list, n, sizeof *list, cmp_profiles);
    if (want_json) rc = hln_report_hardware_json(list, n, cli_write_file, stdout) == HLN_OK ? 0 : EXIT_BAD_INPUT;
    else print_table(list, n);
    free(list);
    hln_hw_list_free(&l);
    return rc;
}

/* ---- the deployment options of `inspect` (--hardware, --memory, ...) ---- */
static int parse_count(const char *s, uint64_t max, uint64_t *out) {
    char *end;
    unsigned long long v;
    if (!s || !(*s >= '0' && *s <= '9')) return 0;
    v = strtoull(s, &end, 10);
    if (*end || v == 0 || v > max) return 0;
    *out = v;
    return 1;
}

/* a decimal number in (0, max] */
static int parse_positive(const char *s, double max, double *out) {
    char *end;
    double v;
    if (!s || !((*s >= '0' && *s <= '9') || *s == '.')) return 0;
    v = strtod(s, &end);
    if (*end || !(v > 0) || v > max) return 0;
    *out = v;
    return 1;
}

int cli_deploy_option(cli_deploy *d, int argc, char **argv, int *i) {
    const char *a = argv[*i], *v;
    static const char *const ours[] = { "--hardware", "--hardware-file", "--memory", "--context", "--batch", "--kv-type",
                                        "--target-latency", "--prompt-tokens", "--devices", "--link-bandwidth", "--link-latency", "--efficiency" };
    size_t k;
    for (k = 0; k < sizeof ours / sizeof ours[0] && strcmp(a, ours[k]) != 0; k++) {}
    if (k == sizeof ours / sizeof ours[0]) return 0;
    if (*i + 1 >= argc) return cli_usage_error("%s needs a value", a);
    v = argv[++*i];
    d->active = 1;
    switch (k) {
    case 0:
        if (d->n_names >= CLI_MAX_HARDWARE) return cli_usage_error("too many --hardware (the most is 16): %s", v);
        d->names[d->n_names++] = v;
        break;
    case 1: d->file = v; break;
    case 2:
        if (d->rd.n_budgets >= CLI_MAX_HARDWARE) return cli_usage_error("too many --memory (the most is 16): %s", v);
        if (!hln_parse_bytes(v, &d->budget_bytes[d->rd.n_budgets]))
            return cli_usage_error("bad --memory '%s' (want e.g. 4GB, 4GiB, 512MB, phone-2gb)", v);
        d->budget_names[d->rd.n_budgets++] = v;
        break;
    case 3: if (!parse_count(v, (uint64_t)1 << 31, &d->rd.context)) return cli_usage_error("bad --context '%s' (want a token count >= 1)", v); break;
    case 4: if (!parse_count(v, 65536, &d->rd.batch)) return cli_usage_error("bad --batch '%s' (want 1 to 65536)", v); break;
    case 5: if (!hln_cache_type_parse(v, &d->rd.plan.kv_type)) return cli_usage_error("bad --kv-type '%s' (f32, f16, bf16, q8_0, q4_0, u8, nf4)", v); break;
    case 6: if (!hln_parse_seconds(v, &d->rd.target_latency_s)) return cli_usage_error("bad --target-latency '%s' (want e.g. 10ms, 0.5s)", v); break;
    case 7: if (!parse_count(v, (uint64_t)1 << 31, &d->rd.plan.prompt_tokens)) return cli_usage_error("bad --prompt-tokens '%s' (want >= 1)", v); break;
    case 8: {
        uint64_t n;
        if (!parse_count(v, 1024, &n)) return cli_usage_error("bad --devices '%s' (want 1 to 1024)", v);
        d->rd.plan.n_devices = (uint32_t)n;
        break;
    }
    case 9:
        if (!parse_positive(v, 1e6, &d->rd.plan.link_gb_per_s)) return cli_usage_error("bad --link-bandwidth '%s' (want decimal GB/s per direction, e.g. 450)", v);
        break;
    case 10:
        if (!hln_parse_seconds(v, &d->rd.plan.link_latency_s) || d->rd.plan.link_latency_s > 1)
            return cli_usage_error("bad --link-latency '%s' (want a time per all-reduce message, e.g. 5us, 2.5us; at most 1s)", v);
        break;
    default: {   /* --efficiency MEMORY[,COMPUTE] */
        char buf[64];
        char *comma;
        if (strlen(v) >= sizeof buf) return cli_usage_error("bad --efficiency '%s'", v);
        strcpy(buf, v);
        comma = strchr(buf, ',');
        if (comma) *comma = 0;
        if (!parse_positive(buf, 1, &d->rd.plan.efficiency_memory) || (comma && !parse_positive(comma + 1, 1, &d->rd.plan.efficiency_compute)))
            return cli_usage_error("bad --efficiency '%s' (want MEMORY[,COMPUTE], each in (0, 1])", v);
    }
    }
    return 1;
}

int cli_deploy_finish(cli_deploy *d) {
    uint32_t k;
    int rc;
    hln_hw_list_builtin(&d->list);
    if (!d->active) return 0;
    if (d->file && (rc = cli_load_hardware_file(&d->list, d->file)) != 0) return rc;
    for (k = 0; k < d->n_names; k++)
        if (!(d->hw[k] = hln_hw_find(&d->list, d->names[k]))) return cli_unknown_hardware(&d->list, d->names[k]);
    d->rd.hw = d->hw;
    d->rd.n_hw = d->n_names;
    d->rd.all = &d->list;
    d->rd.budget_names = d->budget_names;
    d->rd.budget_bytes = d->budget_bytes;
    return 0;
}

void cli_deploy_free(cli_deploy *d) { hln_hw_list_free(&d->list); }
