import { escapeHtml } from "./http-error.js";

const STYLE = `body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;max-width:32rem;margin:5rem auto;padding:0 1rem;color:#1f2328;line-height:1.7}
h1{font-size:1.35rem;margin-bottom:.25rem}.muted{color:#666}
a.button{display:inline-block;margin-top:1rem;padding:.6rem 1.4rem;border-radius:6px;background:#3370ff;color:#fff;text-decoration:none;font-weight:600}
a.button:focus-visible{outline:3px solid #b8ccff}
code{background:#f3f4f6;border-radius:4px;padding:.1rem .35rem;word-break:break-all}`;

/** `siteName`: the page's name, e.g. 上街信息问答 (BULLETIN_SERIES + 问答). */
function page(options: { title: string; body: string; siteName: string }): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(options.title)} · ${escapeHtml(options.siteName)}</title><style>${STYLE}</style></head><body>${options.body}</body></html>`;
}

/** The page staff see before signing in: what the site is and one button to sign in with Feishu. */
export function loginPage(options: { signedOut?: boolean; siteName: string }): string {
  return page({
    title: "登录",
    siteName: options.siteName,
    body: `<h1>${escapeHtml(options.siteName)}</h1>
<p class="muted">${options.signedOut ? "您已退出登录。" : "本页面汇集内部工作简报，仅供本单位工作人员使用。"}</p>
<p>请使用本单位的飞书账号登录。</p>
<a class="button" href="/auth/feishu/login">使用飞书登录</a>`,
  });
}

/** A refused or failed login: why, whom to ask, and an id to pass on when the fix is adding the person somewhere. */
export function loginProblemPage(options: { title: string; message: string; hint?: string; id?: string; siteName: string }): string {
  const hint = options.hint ? `<p>${escapeHtml(options.hint)}</p>` : "";
  const id = options.id ? `<p><code>${escapeHtml(options.id)}</code></p>` : "";
  return page({
    title: options.title,
    siteName: options.siteName,
    body: `<h1>${escapeHtml(options.title)}</h1><p>${escapeHtml(options.message)}</p>${hint}${id}<a class="button" href="/login">重新登录</a>`,
  });
}
