import type { Config } from "../config.js";
import type { Logger } from "../log.js";
import { createLoginStates } from "./login-states.js";
import { loadOrCreateSecret } from "./secret-file.js";
import { CALLBACK_PATH, createStaffAuth, type StaffAuth } from "./staff-auth.js";
import type { StaffLogin } from "./staff-login.js";
import { createStaffSessions } from "./staff-sessions.js";
import type { WebAccess } from "./web-access.js";

/** A working day: long enough not to interrupt, short enough that a lost cookie or a removed person expires soon. */
const SESSION_HOURS = 12;
const LOGIN_MINUTES = 10;

/**
 * What createWebApp needs to protect the staff surface for `access`: the staff login (sessions
 * signed with SESSION_SECRET or DATA_DIR/session-secret, Secure cookies when `baseUrl` is https),
 * or, for the login-free loopback mode, the local Host check.
 */
export function createWebSecurity(options: { access: WebAccess; config: Config; login: StaffLogin | undefined; baseUrl: string; dataDir: string; logger: Logger }): {
  https: boolean;
  localOnly: boolean;
  staffAuth: StaffAuth | undefined;
  redirectUri: string | undefined;
} {
  const { access, logger } = options;
  const https = options.baseUrl.startsWith("https:");
  if (access.auth === "none") {
    if (access.exposure) {
      logger.warn(
        { exposure: access.exposure },
        "SECURITY WARNING: WEB_AUTH=none on a server reachable beyond this machine; the web page and /api hand every bulletin and signed link to anyone who can reach it",
      );
    }
    return { https, localOnly: access.exposure === undefined, staffAuth: undefined, redirectUri: undefined };
  }
  if (!options.login) throw new Error("createWebSecurity: the web page needs a login (WEB_AUTH=feishu) but no StaffLogin was passed to startWebServer");
  const redirectUri = `${options.baseUrl.replace(/\/+$/, "")}${CALLBACK_PATH}`;
  const secret = loadOrCreateSecret({ configured: options.config.web.sessionSecret, dataDir: options.dataDir, fileName: "session-secret" });
  const staffAuth = createStaffAuth({
    login: options.login,
    sessions: createStaffSessions({ secret, secure: https, ttlHours: SESSION_HOURS }),
    states: createLoginStates({ ttlMs: LOGIN_MINUTES * 60_000, maxPending: 10_000 }),
    redirectUri,
    secure: https,
    siteName: `${options.config.bulletinSeries}问答`,
    logger,
  });
  return { https, localOnly: false, staffAuth, redirectUri };
}
