#!/usr/bin/env node
// The installed command runs the compiled program (npm run build); `npm run cli` runs the sources through tsx.
import { existsSync } from "node:fs";

const main = new URL("../dist/cli/main.js", import.meta.url);
if (!existsSync(main)) {
  process.stderr.write("错误：还没有编译；请先在项目目录运行 npm run build（或 npm start，它会先编译）\n");
  process.exit(2);
}
await import(main.href);
