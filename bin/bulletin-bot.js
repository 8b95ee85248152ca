#!/usr/bin/env node
// The command runs the compiled program, compiling first when the sources changed (`npm run cli` runs them through tsx instead).
import { buildIfNeeded } from "./build-if-needed.mjs";

buildIfNeeded();
await import(new URL("../dist/cli/main.js", import.meta.url).href);
