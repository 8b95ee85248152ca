#!/bin/sh
# `npm test`: the type check and the tests side by side, failing when either fails; arguments go to vitest.
# The type check is incremental (its state in node_modules/.cache), so an unchanged tree checks in seconds.
tsc --noEmit --incremental --tsBuildInfoFile node_modules/.cache/tsc/test.tsbuildinfo &
typecheck=$!
vitest run "$@"
tests=$?
wait "$typecheck" && exit "$tests"
