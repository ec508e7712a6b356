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
#include "../haoline_openvino.h"
#include "../haoline_trt.h"
#include "../haoline_report.h"

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
/* inspect --graph-only: an OpenVINO IR whose .bin is missing is read without its weights. */
extern int cli_graph_only;
/* The one-line error of a model that could not be read; returns EXIT_BAD_INPUT. */
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
#endif
