import { createHash, randomBytes } from "node:crypto";

export interface PendingLogin {
  /** The OAuth `state`: random, sent to the provider and kept in a browser cookie. */
  state: string;
  /** PKCE: the verifier stays here, only its S256 challenge goes to the authorize page. */
  codeVerifier: string;
  codeChallenge: string;
}

export interface LoginStates {
  start(options?: { now?: number }): PendingLogin;
  /** The verifier for `state` if it was issued here, is unexpired and unused; the state is spent either way. */
  take(options: { state: string; now?: number }): { codeVerifier: string } | undefined;
}

/**
 * Logins under way, kept in memory: each state is single-use and expires after `ttlMs`.
 * At most `maxPending` are kept (the oldest go first), so a flood of login clicks cannot grow memory.
 */
export function createLoginStates(options: { ttlMs: number; maxPending: number }): LoginStates {
  const pending = new Map<string, { codeVerifier: string; expires: number }>();
  const random = () => randomBytes(32).toString("base64url");
  return {
    start: ({ now = Date.now() } = {}) => {
      for (const [state, entry] of pending) if (entry.expires <= now) pending.delete(state);
      while (pending.size >= options.maxPending) pending.delete(pending.keys().next().value!);
      const state = random();
      const codeVerifier = random();
      pending.set(state, { codeVerifier, expires: now + options.ttlMs });
      return { state, codeVerifier, codeChallenge: createHash("sha256").update(codeVerifier).digest("base64url") };
    },
    take: ({ state, now = Date.now() }) => {
      const entry = pending.get(state);
      pending.delete(state);
      return entry && entry.expires > now ? { codeVerifier: entry.codeVerifier } : undefined;
    },
  };
}
