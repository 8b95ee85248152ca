import { createHmac, timingSafeEqual } from "node:crypto";
import { parseCookie, stringifySetCookie } from "cookie";
import type { Request, Response } from "express";
import type { StaffMember } from "./staff-login.js";

export interface StaffSession extends StaffMember {
  /** Seconds since the epoch. */
  expires: number;
}

export interface StaffSessions {
  issue(options: { response: Response; staff: StaffMember; now?: number }): void;
  read(options: { request: Request; now?: number }): StaffSession | undefined;
  clear(options: { response: Response }): void;
}

/** Cookie names; `__Host-` (browsers then insist on Secure, Path=/ and no Domain) whenever the page is served over https. */
export function cookieName(options: { base: string; secure: boolean }): string {
  return options.secure ? `__Host-${options.base}` : options.base;
}

/** Reads one cookie of the request. */
export function readCookie(request: Request, name: string): string | undefined {
  return parseCookie(request.headers.cookie ?? "")[name];
}

/**
 * Staff sessions as a signed cookie (HMAC-SHA256 over the member and an expiry): HttpOnly,
 * SameSite=Lax, Secure over https, valid for `ttlHours`. Nothing is stored on the server, so
 * changing the secret (SESSION_SECRET, or deleting DATA_DIR/session-secret) ends every session.
 */
export function createStaffSessions(options: { secret: string; secure: boolean; ttlHours: number }): StaffSessions {
  const name = cookieName({ base: "bulletin_session", secure: options.secure });
  const mac = (payload: string) => createHmac("sha256", options.secret).update(`staff-session\n${payload}`).digest("base64url");
  const attributes = { httpOnly: true, secure: options.secure, sameSite: "lax" as const, path: "/" };
  return {
    issue: ({ response, staff, now = Date.now() }) => {
      const maxAge = Math.round(options.ttlHours * 3600);
      const session: StaffSession = { id: staff.id, name: staff.name, expires: Math.floor(now / 1000) + maxAge };
      const payload = Buffer.from(JSON.stringify(session)).toString("base64url");
      response.append("Set-Cookie", stringifySetCookie(name, `${payload}.${mac(payload)}`, { ...attributes, maxAge }));
    },
    read: ({ request, now = Date.now() }) => {
      const [payload, signature, extra] = (readCookie(request, name) ?? "").split(".");
      if (!payload || !signature || extra !== undefined) return undefined;
      const expected = Buffer.from(mac(payload));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
      let session: Partial<StaffSession>;
      try {
        session = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Partial<StaffSession>;
      } catch {
        return undefined;
      }
      if (typeof session.id !== "string" || typeof session.name !== "string" || typeof session.expires !== "number") return undefined;
      return session.expires * 1000 > now ? { id: session.id, name: session.name, expires: session.expires } : undefined;
    },
    clear: ({ response }) => {
      response.append("Set-Cookie", stringifySetCookie(name, "", { ...attributes, maxAge: 0 }));
    },
  };
}
