import type { Config } from "../config.js";
import { ConfigError } from "../errors.js";

/** localhost, 127.0.0.0/8 and ::1: addresses no other machine can connect to. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.trim().toLowerCase().replace(/^\[(.*)\]$/, "$1");
  return bare === "localhost" || bare === "::1" || bare === "::ffff:127.0.0.1" || /^127(?:\.\d{1,3}){3}$/.test(bare);
}

function isWildcardHost(host: string): boolean {
  return ["", "0.0.0.0", "::", "[::]"].includes(host.trim());
}

export interface WebAccess {
  /** "feishu": the page and /api need a Feishu login; "none": open to whoever reaches the server. */
  auth: "feishu" | "none";
  /** Why the server counts as reachable beyond this machine, or undefined on loopback without PUBLIC_BASE_URL. */
  exposure: string | undefined;
}

/**
 * Decides whether the staff surface (the page, its assets, /api) needs a login: yes whenever the
 * server is reachable beyond this machine (HOST not loopback, or PUBLIC_BASE_URL set), unless
 * WEB_AUTH says otherwise. Throws a ConfigError naming the fix when the login cannot work.
 */
export function resolveWebAccess(options: { config: Config; host: string }): WebAccess {
  const { config, host } = options;
  const exposure = config.server.publicBaseUrl
    ? `PUBLIC_BASE_URL=${config.server.publicBaseUrl}`
    : isLoopbackHost(host)
      ? undefined
      : `HOST=${host || "(all interfaces)"} is not a loopback address`;
  const auth = config.web.auth ?? (exposure ? "feishu" : "none");
  if (auth === "none") return { auth, exposure };
  if (!config.feishu) {
    throw new ConfigError({
      variable: "FEISHU_APP_ID",
      message: `the staff web page needs a login because ${exposure ?? "WEB_AUTH=feishu"}, and the login is Feishu's`,
      hint: "set FEISHU_APP_ID and FEISHU_APP_SECRET for Feishu login, or set WEB_AUTH=none to serve every bulletin without login on purpose, or bind HOST=127.0.0.1 without PUBLIC_BASE_URL",
    });
  }
  if (!config.server.publicBaseUrl && isWildcardHost(host)) {
    throw new ConfigError({
      variable: "PUBLIC_BASE_URL",
      message: `is required for Feishu login when HOST=${host || "(empty)"}: Feishu sends staff back to PUBLIC_BASE_URL/auth/feishu/callback`,
      hint: "set it to the address staff open (e.g. http://10.0.0.5:3000 or https://bulletins.example.gov.cn) and add that callback as a redirect URL (安全设置 > 重定向 URL) in the Feishu console",
    });
  }
  return { auth, exposure };
}
