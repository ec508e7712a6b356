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

/* The verbs: argv[0] is the first argument after the verb's name. */
int cmd_inspect(int argc, char **argv);
int cmd_quant_error(int argc, char **argv);
int cmd_bench(int argc, char **argv);
#endif
