"""What the CLI checks in tests/ share: the arguments (the CLI binary, then the corpus, else
$HAOLINE_CORPUS or ../shared/corpus) and a pass/fail tally that ends with the summary line
build.sh adds up ("NAME: N passed, N failed")."""
import os
import sys


def cli_and_corpus(default_cli=None):
    cli = sys.argv[1] if len(sys.argv) > 1 else default_cli
    if not cli:
        sys.exit(f"usage: {sys.argv[0]} HAOLINE [CORPUS]")
    return cli, sys.argv[2] if len(sys.argv) > 2 else os.environ.get("HAOLINE_CORPUS") or "../shared/corpus"


class Checks:
    """check(name, ok, detail) counts one check and prints a FAIL line for a failed one."""

    def __init__(self, step):
        self.step, self.passed, self.failed = step, 0, 0

    def __call__(self, name, ok, detail=""):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL {self.step}: {name}{' ' + str(detail) if detail != '' else ''}")
        return ok

    def finish(self):
        """Prints the summary line; the exit status (1 on any failure)."""
        print(f"{self.step}: {self.passed} passed, {self.failed} failed")
        return 1 if self.failed else 0
