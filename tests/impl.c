/* The library's implementation in one translation unit: build.sh compiles it once per test
   variant and links it into every tests/test_*.c that does not define HAOLINE_IMPLEMENTATION
   (or HAOLINE_KERNELS_IMPLEMENTATION) itself. By hand: cc tests/test_x.c tests/impl.c -lm -lpthread */
#define HAOLINE_IMPLEMENTATION
#include "../haoline_kernels.h"
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
