import { existsSync, readFileSync } from "node:fs";
import { z } from "zod";
import { DataFileError } from "../errors.js";
import type { CitationLinks } from "../answer/citation-links.js";
import type { LinkSigner } from "./link-signer.js";

const manifestSchema = z.object({
  links: z.array(z.object({ year: z.number().int(), issue: z.number().int().positive(), url: z.url() })),
});

/** Where an issue lives when an existing document system has it: `data/issue-links.json`. */
export function readIssueLinkManifest(file: string): Map<string, string> {
  if (!existsSync(file)) return new Map();
  let parsed: z.infer<typeof manifestSchema>;
  try {
    parsed = manifestSchema.parse(JSON.parse(readFileSync(file, "utf8")));
  } catch (cause) {
    throw new DataFileError({
      file,
      message: `格式不对（${cause instanceof z.ZodError ? cause.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("；") : (cause as Error).message}）`,
      hint: '应为 {"links":[{"year":2025,"issue":64,"url":"https://…"}]}',
      cause,
    });
  }
  return new Map(parsed.links.map((link) => [`${link.year}-${link.issue}`, link.url]));
}

/** Signed links to issue pages and original files: the web layer's implementation of the answer layer's port. */
export type IssueLinks = CitationLinks;

/** Builds signed links under `baseUrl`; an issue listed in the manifest links to its external URL instead. */
export function createIssueLinks(options: { baseUrl: string; signer: LinkSigner; external?: ReadonlyMap<string, string> }): IssueLinks {
  const base = options.baseUrl.replace(/\/+$/, "");
  const signed = (pathname: string, extra: Record<string, string> = {}, hash = "") => {
    const { expires, signature } = options.signer.sign({ path: pathname });
    const query = new URLSearchParams({ ...extra, expires: String(expires), signature });
    return `${base}${pathname}?${query.toString()}${hash}`;
  };
  return {
    issue: ({ documentId, year, issue, item }) => {
      const external = year !== null && issue !== null ? options.external?.get(`${year}-${issue}`) : undefined;
      if (external) return external;
      return signed(`/issues/${documentId}`, item === undefined ? {} : { item: String(item) }, item === undefined ? "" : `#item-${item}`);
    },
    original: ({ documentId }) => signed(`/issues/${documentId}/original`),
  };
}
