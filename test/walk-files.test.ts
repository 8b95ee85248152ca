import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IngestError } from "../src/errors.js";
import { walkFiles } from "../src/ingest/walk-files.js";

let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "walk-files-"));
  const files = [
    "b-2031-02.txt",
    "a-2031-01.pdf",
    ".hidden.txt",
    ".git/config",
    "node_modules/package/readme.txt",
    "~$a-2031-03.docx",
    "sub/c-2031-03.docx",
    "sub/deeper/d-notes.xlsx",
    "sub/.cache/e.txt",
  ];
  for (const file of files) {
    mkdirSync(join(root, file, ".."), { recursive: true });
    writeFileSync(join(root, file), "区样本局");
  }
  mkdirSync(join(root, "z-empty"));
  // A link back to the root must not make the walk loop forever.
  symlinkSync(root, join(root, "sub", "loop"));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("walkFiles", () => {
  it("expands a directory recursively in sorted order, skipping hidden entries, node_modules and Office lock files", async () => {
    expect(await walkFiles({ paths: [root] })).toEqual([
      join(root, "a-2031-01.pdf"),
      join(root, "b-2031-02.txt"),
      join(root, "sub", "c-2031-03.docx"),
      join(root, "sub", "deeper", "d-notes.xlsx"),
    ]);
  });

  it("keeps file arguments as given, in argument order, even hidden ones", async () => {
    const hidden = join(root, ".hidden.txt");
    expect(await walkFiles({ paths: [hidden, join(root, "sub", "deeper")] })).toEqual([
      hidden,
      join(root, "sub", "deeper", "d-notes.xlsx"),
    ]);
  });

  it("lists a file reached twice once", async () => {
    const file = join(root, "b-2031-02.txt");
    expect(await walkFiles({ paths: [file, root] })).toEqual([
      file,
      join(root, "a-2031-01.pdf"),
      join(root, "sub", "c-2031-03.docx"),
      join(root, "sub", "deeper", "d-notes.xlsx"),
    ]);
  });

  it("returns nothing for an empty directory", async () => {
    expect(await walkFiles({ paths: [join(root, "z-empty")] })).toEqual([]);
  });

  it("rejects a path that does not exist, naming it", async () => {
    const missing = join(root, "no-such-folder");
    const error: unknown = await walkFiles({ paths: [root, missing] }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(IngestError);
    expect((error as IngestError).source).toBe(missing);
    expect((error as IngestError).reason).toBe("路径不存在");
    expect((error as IngestError).message).toContain(missing);
    expect((error as IngestError).hint).toBe("请检查文件或文件夹的名称与位置是否正确");
  });
});
