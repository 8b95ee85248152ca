import { fileURLToPath } from "node:url";
import type { Config } from "../config.js";
import { createIssueLinks, readIssueLinkManifest, type IssueLinks } from "./issue-links.js";
import { createLinkSigner, loadLinkSecret, type LinkSigner } from "./link-signer.js";

const MANIFEST = fileURLToPath(new URL("../../data/issue-links.json", import.meta.url));

/** The public address links point at: PUBLIC_BASE_URL, else the local server's own address. */
export function publicBaseUrl(config: Config, port = config.server.port): string {
  return config.server.publicBaseUrl ?? `http://${config.server.host === "0.0.0.0" ? "127.0.0.1" : config.server.host}:${port}`;
}

/** Link signing and building from configuration (secret from LINK_SECRET or kept in the data directory). */
export function createLinks(options: { config: Config; dataDir: string; baseUrl: string; manifest?: string }): { links: IssueLinks; signer: LinkSigner } {
  const signer = createLinkSigner({ secret: loadLinkSecret({ configured: options.config.server.linkSecret, dataDir: options.dataDir }), ttlHours: options.config.server.linkTtlHours });
  return { signer, links: createIssueLinks({ baseUrl: options.baseUrl, signer, external: readIssueLinkManifest(options.manifest ?? MANIFEST) }) };
}
