/* A project that uses the installed HaoLine headers (the packaging test builds it twice:
   through CMake's find_package and through pkg-config). */
#define HAOLINE_IMPLEMENTATION
#include <haoline_ir.h>
#include <haoline_gguf.h>
#include <haoline_analysis.h>
#include <stdio.h>

int main(int argc, char **argv) {
    hln_gguf_options opts = { 0 };
    hln_model *m = NULL;
    hln_error err;
    hln_summary s;
    if (argc != 2) return 2;
    if (hln_gguf_load_file(&opts, argv[1], &m, &err) != HLN_OK) {
        fprintf(stderr, "%s: %s\n", err.file, err.message);
        return 1;
    }
    hln_model_summarize(m, &s);
    printf("%llu parameters\n", (unsigned long long)s.params);
    hln_model_free(m);
    return 0;
}
