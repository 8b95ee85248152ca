#!/bin/sh
# `npm test`: the type check and the tests side by side, failing when either fails; arguments go to vitest.
# The type check of tsconfig.json runs in build mode, its state in tsconfig.tsbuildinfo (git-ignored):
# an unchanged tree checks in a second, a change rechecks what it affects. It yields the CPU to the
# tests (nice), which have time limits; it has none.
# The compiled program first (a no-op when dist/ is current): tests spawn it as staff run it, and worker
# threads started from the sources run their compiled copy when it is current (src/start-module-worker.ts).
node bin/build-if-needed.mjs || exit 1
nice tsc -b --incremental &
typecheck=$!
vitest run "$@"
tests=$?
wait "$typecheck" && exit "$tests"
