#!/usr/bin/env node
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { runCli } from "./program.js";

// The project root's .env, wherever the command is started from; the environment wins over it.
const DOT_ENV = fileURLToPath(new URL("../../.env", import.meta.url));
if (existsSync(DOT_ENV)) process.loadEnvFile(DOT_ENV);

process.exitCode = await runCli({ argv: process.argv.slice(2), env: process.env, io: { stdout: process.stdout, stderr: process.stderr } });
