/* examples/cli_compare.c - `haoline compare A B [C ...]`: one column per model (format, size,
 * precision, compute, memory), deltas and ratios against a baseline. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *compare_usage =
    "usage: haoline compare A B [C ...] [options]   models side by side (any formats)\n"
    "\n"
    "  --baseline A          the model deltas and ratios are against (a file name given, or its\n"
    "                        1-based position; default: the first)\n"
    "  --bind NAME=N,...     give symbolic dimensions a value, the same for every model\n"
    "  --hardware NAME       estimates on a device from 'haoline hardware' (repeatable): a table\n"
    "                        row per device, JSON models[].estimates as inspect --json gives them;\n"
    "                        --hardware-file, --context, --batch, --kv-type, --devices,\n"
    "                        --efficiency, --prompt-tokens as for inspect\n"
    "  --json [OUT]          the comparison as JSON (\"report\": \"compare\", docs/json.md)\n"
    "  --md OUT              a Markdown table ('-' for stdout)\n"
    "  --html OUT            an HTML page with the table\n"
    "  --csv OUT             one row per measure, one column per model (exact numbers)\n"
    "\n"
    "Exit status: 0 ok, 1 a model could not be read, 2 bad usage.\n";

static hln_result compare_json(const void *c, hln_write_fn w, void *u) { return hln_report_compare_json((const hln_report_compare_input *)c, w, u); }
static hln_result compare_md(const void *c, hln_write_fn w, void *u) { return hln_report_compare_markdown((const hln_report_compare_input *)c, w, u); }
static hln_result compare_html(const void *c, hln_write_fn w, void *u) { return hln_report_compare_html((const hln_report_compare_input *)c, w, u); }
static hln_result compare_csv(const void *c, hln_write_fn w, void *u) { return hln_report_compare_csv((const hln_report_compare_input *)c, w, u); }

static void print_table(const hln_report_compare_input *c) {
    uint32_t i, row, rows = hln_report_compare_rows(c);
    char cell[256], name[160];
    printf("%-26s", "");
    for (i = 0; i < c->n; i++) printf("  %-30.30s", cli_base_name(c->files[i]));
    printf("\n");
    for (row = 0; row < rows; row++) {
        printf("%-26s", hln_report_compare_row_name(c, row, name, sizeof name));
        for (i = 0; i < c->n; i++) {
            hln_report_compare_cell(c, i, row, 1, cell, sizeof cell);
            printf("  %-30.30s", cell);
        }
        printf("\n");
    }
    printf("\n(deltas and ratios against %s)\n", cli_base_name(c->files[c->baseline]));
}

int cmd_compare(int argc, char **argv) {
    const char *baseline = NULL, *bind_spec = NULL;
    const char **files;
    hln_model **models;
    hln_model_facts *facts;
    hln_binding binds[64];
    uint32_t n_binds = 0, n = 0, i;
    char bind_storage[4096];
    int j, rc = 0, terminal = 1;
    hln_error err;
    hln_report_compare_input c;
    cli_outputs out;
    cli_deploy dep;
    if (cli_wants_help(argc, argv)) { fputs(compare_usage, stdout); return 0; }
    files = (const char **)calloc((size_t)argc + 1, sizeof *files);
    if (!files) return EXIT_BAD_INPUT;
    memset(&out, 0, sizeof out);
    memset(&dep, 0, sizeof dep);
    out.fn[0] = compare_json; out.fn[1] = compare_md; out.fn[2] = compare_html; out.fn[3] = compare_csv;
    for (j = 0; j < argc; j++) {
        const char *a = argv[j];
        int k = cli_outputs_option(&out, argc, argv, &j, n >= 2);
        if (k < 0) { free(files); return EXIT_USAGE; }
        if (k) continue;
        if ((k = cli_deploy_option(&dep, argc, argv, &j)) != 0) {
            if (k != 1) { free(files); return k; }
            continue;
        }
        if (strcmp(a, "--baseline") == 0 || strcmp(a, "--bind") == 0) {
            if (j + 1 >= argc) { free(files); return cli_usage_error("%s needs a value", a); }
            if (a[3] == 'a') baseline = argv[++j]; else bind_spec = argv[++j];
        } else if (a[0] == '-' && a[1]) { free(files); return cli_usage_error("unknown compare option '%s'", a); }
        else files[n++] = a;
    }
    if (n < 2) { free(files); return cli_usage_error("%s", "compare needs two or more models"); }
    if (bind_spec && !cli_parse_bindings(bind_spec, binds, 64, &n_binds, bind_storage, sizeof bind_storage)) {
        free(files);
        return cli_usage_error("bad --bind '%s' (want NAME=N[,NAME=N...])", bind_spec);
    }
    memset(&c, 0, sizeof c);
    if (baseline) {
        char *end;
        unsigned long k = strtoul(baseline, &end, 10);
        c.baseline = n;
        if (*end == 0 && k >= 1 && k <= n) c.baseline = (uint32_t)(k - 1);
        for (i = 0; i < n && c.baseline == n; i++)
            if (strcmp(files[i], baseline) == 0 || strcmp(cli_base_name(files[i]), baseline) == 0) c.baseline = i;
        if (c.baseline == n) { free(files); return cli_usage_error("--baseline %s is not one of the models", baseline); }
    }
    if ((rc = cli_deploy_finish(&dep)) != 0) { cli_deploy_free(&dep); free(files); return rc; }
    c.deploy = dep.active ? &dep.rd : NULL;
    models = (hln_model **)calloc(n, sizeof *models);
    facts = (hln_model_facts *)calloc(n, sizeof *facts);
    if (!models || !facts) { cli_deploy_free(&dep); free(files); free(models); free(facts); return EXIT_BAD_INPUT; }
    for (i = 0; i < n && !rc; i++) {
        memset(&err, 0, sizeof err);
        if (cli_load_model(files[i], &models[i], &err) != HLN_OK) rc = cli_report_load_error(files[i], &err);
        else if (hln_model_facts_collect(models[i], binds, n_binds, &facts[i], &err) != HLN_OK) {
            fprintf(stderr, "haoline: %s: analysis: %s%s%s\n", files[i], err.path, err.path[0] ? ": " : "", err.message);
            rc = EXIT_BAD_INPUT;
        }
    }
    c.models = (const hln_model *const *)models;
    c.facts = facts;
    c.files = files;
    c.n = n;
    if (!rc) rc = cli_outputs_write(&out, &c, &terminal);
    if (!rc && terminal) print_table(&c);
    for (i = 0; i < n; i++) hln_model_free(models[i]);
    free(models);
    free(facts);
    free(files);
    cli_deploy_free(&dep);
    return rc;
}
