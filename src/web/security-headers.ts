import helmet from "helmet";

/**
 * Response headers for every page and API answer (helmet): a CSP that allows only this origin's
 * scripts (the page has no inline script; inline styles stay allowed for the server-rendered issue,
 * error and login pages), no framing, nosniff, and no Referer at all, so the signature in a signed
 * link's query string never leaves in a Referer header. HSTS and upgrade-insecure-requests only
 * when the public address is https: sent over plain http they would break a LAN or loopback page.
 */
export function securityHeaders(options: { https: boolean }) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: options.https ? [] : null,
      },
    },
    strictTransportSecurity: options.https ? { maxAge: 180 * 24 * 3600 } : false,
    referrerPolicy: { policy: "no-referrer" },
    xFrameOptions: { action: "deny" },
  });
}
