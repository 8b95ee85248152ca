/** A person signed in to the staff web page: the identity provider's stable id and display name. */
export interface StaffMember {
  id: string;
  name: string;
}

/** Why a person who proved who they are may still not use the page. */
export type StaffRefusal = "other-tenant" | "not-listed";

export type StaffSignIn = { status: "allowed"; staff: StaffMember } | { status: "refused"; reason: StaffRefusal; staff: StaffMember };

/**
 * The identity provider behind the staff login: an OAuth authorization-code flow with PKCE.
 * The web layer owns this port; src/feishu/feishu-web-login.ts implements it with the Feishu SDK.
 */
export interface StaffLogin {
  /** The provider's authorize page the browser is sent to. */
  authorizeUrl(options: { redirectUri: string; state: string; codeChallenge: string }): string;
  /** Trades the callback's code for the person and decides whether they may use the page; throws when the provider fails. */
  signIn(options: { code: string; redirectUri: string; codeVerifier: string }): Promise<StaffSignIn>;
}
