#!/usr/bin/env bash
# Every command's output on two generated histories is what tests/outputs/
# expected.txt recorded (JSON compared by content): a refactor changes nothing.
# When a change is meant to alter an output, re-capture with
# `tests/outputs/outputs.sh build/carepledge capture` and say why in the commit.
set -euo pipefail
exec bash "$CAREPLEDGE_SOURCE_DIR/tests/outputs/outputs.sh" "$CAREPLEDGE" check
