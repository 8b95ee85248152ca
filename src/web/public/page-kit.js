// Shared by the chat page (app.js) and the statistics page (stats.js): plain browser script, no build step.
"use strict";

window.bulletinPage = Object.freeze({
  /** A DOM element; server text only ever goes in as textContent. */
  element(tag, options = {}) {
    const node = document.createElement(tag);
    if (options.className) node.className = options.className;
    if (options.text !== undefined) node.textContent = options.text;
    for (const [name, value] of Object.entries(options.attributes || {})) node.setAttribute(name, value);
    for (const child of options.children || []) node.append(child);
    return node;
  },

  /** 401: no session (never signed in, expired, or signed out elsewhere); the login page brings the person back here. */
  goToLogin() {
    window.location.assign("login");
    return new Error("登录已过期，正在转到登录页面…");
  },
});
