/* examples/cli.h - what the verbs of the `haoline` CLI share (not part of the library).
 *
 * examples/haoline.c is the one translation unit that compiles the HaoLine implementations
 * and holds main(), the verb table and these helpers; each verb lives in its own
 * examples/cli_<verb>.c and sees the headers' declarations only. */
#ifndef HLN_CLI_H
#define HLN_CLI_H
#include "../haoline_kernels.h"   /* before the IR: enables its weight-value passes */
#include "../haoline_ir.h"
#include "../haoline_analysis.h"
#include "../haoline_gguf.h"
#include "../haoline_safetensors.h"
#include "../haoline_onnx.h"
#include "../haoline_tflite.h"
#include "../haoline_coreml.h"
#include "../haoline_openvino.h"
#include "../haoline_trt.h"
#include "../haoline_report.h"
#include "../haoline_exec.h"

#include <signal.h>
#include <stddef.h>
#include <stdio.h>

#define EXIT_BAD_INPUT 1
#define EXIT_USAGE 2

/* "haoline: <message>" and a pointer to --help on stderr; returns EXIT_USAGE. */
int cli_usage_error(const char *fmt, const char *arg);
/* 1 when argv holds --help or -h (the verb then prints its usage to stdout, exit 0). */
int cli_wants_help(int argc, char **argv);
int cli_write_file(void *user, const void *p, size_t n);   /* hln_write_fn over a FILE* */
/* Loads any model format HaoLine reads, detected by content. */
hln_result cli_load_model(const char *path, hln_model **m, hln_error *err);
/* ---- examples/cli_os.c: the system calls spelled differently on POSIX and Windows ---- */
/* The system's reason for hln_error.os_error (an errno; "" for 0): safe on scan's threads.
   Returns buf. */
const char *cli_os_reason(int os_error, char *buf, size_t cap);
double cli_now(void);                     /* monotonic seconds */
int    cli_stderr_is_tty(void);
int    cli_cpu_count(void);               /* online processors, at least 1 */
int    cli_mkdir(const char *dir);        /* one folder: 0, or -1 with errno */
int    cli_rename_over(const char *from, const char *to);   /* replaces `to`: 0, or -1 with errno */
int    cli_glob_match(const char *glob, const char *s);     /* `*` and `?`; 1 on a match */
/* Between begin and end, a page of a mapped model file that shrank under the reads (another
   process truncated it; on POSIX a SIGBUS) reads as zeros on the calling thread, and the guard
   trips: the caller then reports "the file changed while it was read" (exit 1, a scan error
   line) whatever the parse made of those zeros. One guard a thread at a time; g lives until end.
   cli_load_model reports a load the calling thread's guard saw trip as that error itself. */
typedef struct cli_read_guard { volatile sig_atomic_t tripped; } cli_read_guard;
void cli_read_guard_begin(cli_read_guard *g);
int  cli_read_guard_end(cli_read_guard *g);     /* 1: it tripped */
int  cli_read_guard_tripped(void);              /* the calling thread's guard has tripped */
#define CLI_CHANGED_WHILE_READ "the file changed while it was read"
/* inspect --graph-only: an OpenVINO IR whose .bin is missing is read without its weights. */
extern int cli_graph_only;
/* The one-line error of a model that could not be read (with the system's reason when the
   library kept one); returns EXIT_BAD_INPUT. */
int cli_report_load_error(const char *path, const hln_error *err);
const char *cli_base_name(const char *path);
void cli_commas(char *buf, size_t cap, uint64_t v);        /* 1234567 -> "1,234,567" */
/* A name for the terminal: "<kind><index>" when redacted, else elided in the middle to at
   most `width` bytes (buf holds width + 1). */
const char *cli_show_name(char *buf, size_t width, const char *name, int redact, char kind, uint32_t index);
int cli_is_stdout(const char *out_path);                    /* "-" or NULL */
/* Before any output: can out_path (a file, or a folder when is_dir) be written? Prints the
   reason and returns EXIT_USAGE when not, else 0. */
int cli_check_output(const char *flag, const char *out_path, int is_dir);
/* Writes one report through fn to out_path ("-" or NULL: stdout); a file that cannot be
   written is EXIT_USAGE with the system's reason. */
int cli_write_report(const char *what, const char *out_path, const hln_model *m, const hln_report_options *ro,
                     hln_result (*fn)(const hln_model *, const hln_report_options *, hln_write_fn, void *));

/* The deployment options of inspect (examples/cli_hardware.c): zero-initialise, feed every
   argument to cli_deploy_option (1: it took the option and its value, 0: not one of them, else
   the exit status of a usage error), then cli_deploy_finish before anything is written. */
#define CLI_MAX_HARDWARE 16
typedef struct cli_deploy {
    int                   active;     /* any of the options was given */
    const char           *names[CLI_MAX_HARDWARE], *file;
    uint32_t              n_names;
    const hln_hw_profile *hw[CLI_MAX_HARDWARE];
    const char           *budget_names[CLI_MAX_HARDWARE];
    uint64_t              budget_bytes[CLI_MAX_HARDWARE];
    hln_hw_list           list;
    hln_report_deploy     rd;
} cli_deploy;
int cli_deploy_option(cli_deploy *d, int argc, char **argv, int *i);
int cli_deploy_finish(cli_deploy *d);
void cli_deploy_free(cli_deploy *d);
/* --hardware-file F onto a list (0, or the exit status); an unknown name: exit 2 with near names. */
int cli_load_hardware_file(hln_hw_list *l, const char *path);
int cli_unknown_hardware(const hln_hw_list *l, const char *name);

/* The verbs: argv[0] is the first argument after the verb's name. */
int cmd_inspect(int argc, char **argv);
int cmd_quant_error(int argc, char **argv);
int cmd_bench(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_scan(int argc, char **argv);
/* --bind NAME=N,... (cli_inspect.c); compare uses it too */
int cli_parse_bindings(const char *spec, hln_binding *out, uint32_t cap, uint32_t *n, char *storage, size_t storage_cap);
/* The report options of compare and diff (--json [OUT], --md OUT, --html OUT, --csv OUT) and
   their writers, each fn(ctx, write, user); in cli_diff.c. */
typedef hln_result (*cli_report_fn)(const void *ctx, hln_write_fn write, void *user);
typedef struct cli_outputs {
    int           want_json;
    const char   *path[4];   /* JSON, Markdown, HTML, CSV; NULL: not asked ("-" or JSON NULL: stdout) */
    cli_report_fn fn[4];
} cli_outputs;
/* 1 when argv[*i] is one of the options (consumed, with its value), 0 when not, -1 on a
   missing value (usage error printed). json_path_ok: --json may take the next argument. */
int cli_outputs_option(cli_outputs *o, int argc, char **argv, int *i, int json_path_ok);
/* Writes the reports asked for; returns the exit status and sets *terminal to 1 when no
   report went to stdout (the verb then prints its table). */
int cli_outputs_write(const cli_outputs *o, const void *ctx, int *terminal);
/* The format the first bytes of a file say (HLN_FORMAT_UNKNOWN: none), in haoline.c. */
hln_format cli_sniff_content(const unsigned char *head, size_t n);
int cmd_hardware(int argc, char **argv);
int cmd_convert(int argc, char **argv);    /* cli_convert.c */
/* hln_k_parallel_for over pthreads: user points to the thread count (the caller is one). */
void cli_parallel_for(void *user, int n_tasks, void (*task)(void *arg, int i), void *arg);
int cmd_quantize(int argc, char **argv);

/* run and compare-activations (examples/cli_run.c): where a model's inputs come from. */
#define CLI_MAX_INPUTS 64
typedef struct cli_input_spec {
    const char  *names[CLI_MAX_INPUTS], *files[CLI_MAX_INPUTS];   /* --input NAME=FILE.npy */
    uint32_t     n_files;
    int          random;                 /* --random SEED given */
    int          bypass_qdq;             /* --bypass-qdq */
    uint64_t     seed, max_memory;       /* --max-memory (0: the executor's default) */
    hln_binding  bindings[64];           /* --bind */
    uint32_t     n_bindings;
    char         bind_storage[1024];
    /* image inputs (--input NAME=FILE.png): pixels / 255, then (v - mean[c]) / std[c] */
    float        mean[4], std[4];
    int          n_mean, n_std;          /* 0: not given (mean 0, std 1); 1: every channel; else C */
    int          nhwc;                   /* --layout NHWC (default NCHW) */
} cli_input_spec;
/* 1 when argv[*i] is --input/--random/--bind/--max-memory/--bypass-qdq/--mean/--std/--layout
   (consumed with its value), 0 when not, else the exit status of a usage error. */
int cli_input_option(cli_input_spec *s, int argc, char **argv, int *i);
/* Checks the options together (image inputs, --mean/--std/--layout); 0 or the exit status. */
int cli_input_check(const cli_input_spec *s);
/* Sets every input of x from the spec; 0, or the exit status (the reason printed). */
int cli_exec_inputs(hln_exec *x, hln_model *m, const cli_input_spec *spec);
int cli_npy_write(const char *path, const hln_exec_tensor *t);   /* 1 ok; prints why not */
int cli_npy_read(const char *path, hln_exec_tensor *t);          /* t->data malloc'd */
void cli_sanitize_name(const char *name, char *out, size_t cap); /* [A-Za-z0-9._-], else '_' */
int cli_make_dir(const char *dir);                               /* mkdir -p; 1 ok */
void cli_json_string(FILE *f, const char *s);
void cli_json_stats(FILE *f, const hln_exec_stats *s);
int cmd_run(int argc, char **argv);
int cmd_compare_activations(int argc, char **argv);
#endif
