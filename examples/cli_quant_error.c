/* examples/cli_quant_error.c - `haoline quant-error MODEL --type T`: what quantizing each float
 * matrix to T would cost (RMSE, max abs error, SNR, cosine), from the kernels. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>

static const char *quant_error_usage =
    "usage: haoline quant-error MODEL --type T [options]\n"
    "  the error that quantizing each float matrix of MODEL to T would cost\n"
    "\n"
    "  --type T              Q4_0 Q4_1 Q5_0 Q5_1 Q8_0 Q2_K Q3_K Q4_K Q5_K Q6_K IQ4_NL IQ4_XS\n"
    "                        TQ1_0 TQ2_0 MXFP4 F16 BF16\n"
    "  --json [OUT]          the per-matrix errors and the total as JSON (to OUT, or stdout;\n"
    "                        OUT '-' is stdout)\n"
    "  --redact-names        tensor names become the ids of 'inspect --redact-names' (t12) and\n"
    "                        the file 'model', in the terminal and the JSON\n"
    "Exit status: 0 ok, 1 the model could not be read, 2 bad usage.\n";

int cmd_quant_error(int argc, char **argv) {
    const char *model_path = NULL, *type_name = NULL, *json_out = NULL;
    int want_json = 0, redact = 0, j, rc = 0;
    hln_k_type type;
    hln_model *m = NULL;
    hln_error err;
    hln_quant_error *rows, total;
    hln_report_options ro;
    uint32_t i, done = 0;
    if (cli_wants_help(argc, argv)) { fputs(quant_error_usage, stdout); return 0; }
    for (j = 0; j < argc; j++) {
        if (strcmp(argv[j], "--type") == 0 && j + 1 < argc) type_name = argv[++j];
        else if (strcmp(argv[j], "--json") == 0) {
            want_json = 1;
            if (j + 1 < argc && (strcmp(argv[j + 1], "-") == 0 || (model_path && argv[j + 1][0] != '-'))) json_out = argv[++j];
        } else if (strcmp(argv[j], "--redact-names") == 0) redact = 1;
        else if (argv[j][0] == '-') return cli_usage_error("unknown quant-error option '%s'", argv[j]);
        else if (!model_path) model_path = argv[j];
        else return cli_usage_error("unexpected argument '%s'", argv[j]);
    }
    if (!model_path || !type_name) return cli_usage_error("%s", "quant-error needs MODEL and --type TYPE");
    type = hln_k_type_from_name(type_name);
    if (type == HLN_K_TYPE_NONE || !hln_k_traits(type) || !hln_k_traits(type)->can_quantize)
        return cli_usage_error("cannot quantize to '%s' (see --help for the types)", type_name);
    if (want_json && (rc = cli_check_output("--json", json_out, 0)) != 0) return rc;
    memset(&err, 0, sizeof err);
    if (cli_load_model(model_path, &m, &err) != HLN_OK) return cli_report_load_error(model_path, &err);
    rows = (hln_quant_error *)calloc(m->n_tensors ? m->n_tensors : 1, sizeof *rows);
    if (!rows || hln_model_quant_error(m, type, rows, &total, &err) != HLN_OK) {
        fprintf(stderr, "haoline: %s: %s\n", model_path, rows ? err.message : "out of memory");
        free(rows);
        hln_model_free(m);
        return EXIT_BAD_INPUT;
    }
    memset(&ro, 0, sizeof ro);
    ro.file_name = cli_base_name(model_path);
    ro.redact_names = redact;
    if (want_json) {
        FILE *f = cli_is_stdout(json_out) ? stdout : fopen(json_out, "wb");
        hln_result r = f ? hln_report_quant_error_json(m, &ro, hln_k_type_name(type), rows, &total, cli_write_file, f) : HLN_ERR_IO;
        if (f && f != stdout && fclose(f) != 0) r = HLN_ERR_IO;
        if (r == HLN_ERR_IO) { fprintf(stderr, "haoline: cannot write the JSON report to %s: %s\n", json_out ? json_out : "stdout", strerror(errno)); rc = EXIT_USAGE; }
        else if (r) { fprintf(stderr, "haoline: writing the JSON report failed: %s\n", hln_result_string(r)); rc = EXIT_BAD_INPUT; }
    }
    if (!rc && !(want_json && cli_is_stdout(json_out))) {
        printf("quantizing every float matrix of %s to %s (%s kernels)\n\n  %-40s %-6s %12s %12s %9s %10s\n",
               redact ? "model" : ro.file_name, hln_k_type_name(type), hln_k_simd_name(), "tensor", "from", "rmse", "max abs", "snr dB", "cosine");
        for (i = 0; i < m->n_tensors; i++) {
            char name[48];
            if (!rows[i].measured) continue;
            printf("  %-40s %-6s %12.4g %12.4g %9.2f %10.6f\n", cli_show_name(name, 40, m->tensors[i].name, redact, 't', i),
                   hln_dtype_get(m->tensors[i].dtype)->name, rows[i].rmse, rows[i].max_abs_err, rows[i].snr_db, rows[i].cosine);
            done++;
        }
        if (total.measured)
            printf("\n  %-40s %-6s %12.4g %12.4g %9.2f %10.6f\n", "all tensors", "", total.rmse, total.max_abs_err, total.snr_db, total.cosine);
        printf("  %u tensors measured, %u skipped (not float, 1-D, or rows not whole %s blocks)\n", done,
               m->n_tensors - done, hln_k_type_name(type));
    }
    free(rows);
    hln_model_free(m);
    return rc;
}

