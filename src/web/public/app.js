// Chat page for 上街信息问答: plain browser script, no build step. Server text is only ever set as textContent.
"use strict";

(function main() {
  const { element, goToLogin } = window.bulletinPage;
  const REQUEST_TIMEOUT_MS = 60_000;
  const ISSUE_PAGE_SIZE = 50;
  const NARROW_QUERY = window.matchMedia("(max-width: 800px)");

  const conversation = document.getElementById("conversation");
  const form = document.getElementById("ask-form");
  const questionInput = document.getElementById("question");
  const askButton = document.getElementById("ask-button");
  const newConversationButton = document.getElementById("new-conversation");
  const togglePanelButton = document.getElementById("toggle-panel");
  const sidePanel = document.getElementById("side-panel");
  const issueList = document.getElementById("issues");
  const unitList = document.getElementById("units");
  const signedIn = document.getElementById("signed-in");
  const staffName = document.getElementById("staff-name");

  let conversationId = newConversationId();
  // Bumped by 新对话 so that an answer still in flight is dropped instead of landing in the new conversation.
  let generation = 0;
  let waiting = false;

  /** crypto.randomUUID exists only in secure contexts; staff may open the page over plain http on the LAN. */
  function newConversationId() {
    if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  /** A link that opens beside the conversation so the chat is not lost. */
  function externalLink(options) {
    return element("a", {
      className: options.className,
      text: options.text,
      attributes: { href: options.href, target: "_blank", rel: "noopener", ...(options.label ? { "aria-label": options.label } : {}) },
    });
  }

  function unitsOf(citation) {
    if (Array.isArray(citation.departments) && citation.departments.length > 0) return citation.departments.join("、");
    return citation.department || "";
  }

  /** "[1] 《上街信息》第64期 · 2025-11-27 · 区委社工部 — 标题" */
  function citationLabel(citation) {
    const series = typeof citation.series === "string" && citation.series !== "" ? `《${citation.series}》` : "";
    const issue = citation.issue === null || citation.issue === undefined ? citation.source : `${series}第${citation.issue}期`;
    const parts = [issue, citation.date, unitsOf(citation)].filter(Boolean);
    return `[${citation.n}] ${parts.join(" · ")} — ${citation.title}`;
  }

  /** "2025年第64期 · 2025-11-27 · 7 条" */
  function issueLabel(issue) {
    const name = issue.issue === null || issue.issue === undefined ? issue.source : `${issue.year ? `${issue.year}年` : ""}第${issue.issue}期`;
    return [name, issue.date, `${issue.itemCount} 条`].filter(Boolean).join(" · ");
  }

  /** One answer line with each [n] turned into a superscript link to citation n. */
  function renderLine(options) {
    const { text, byNumber } = options;
    const line = element("div", { className: text.startsWith("- ") ? "line bullet" : "line" });
    let last = 0;
    for (const match of text.matchAll(/\[(\d+)\]/g)) {
      const citation = byNumber.get(Number(match[1]));
      if (!citation || !citation.url) continue;
      line.append(text.slice(last, match.index));
      const link = externalLink({ className: "marker", text: `[${citation.n}]`, href: citation.url, label: `出处 ${citation.n}：${citationLabel(citation)}` });
      line.append(element("sup", { children: [link] }));
      last = match.index + match[0].length;
    }
    line.append(text.slice(last));
    return line;
  }

  /** The answer, one block per line so that summaries keep their "- " lines. */
  function renderAnswer(options) {
    const { answer, citations } = options;
    const byNumber = new Map(citations.map((citation) => [Number(citation.n), citation]));
    const container = element("div", { className: citations.length === 0 ? "answer not-found" : "answer" });
    for (const text of answer.split("\n")) container.append(renderLine({ text, byNumber }));
    return container;
  }

  function renderCitations(citations, label = "出处") {
    const list = element("ol", { className: "citations", attributes: { "aria-label": label } });
    for (const citation of citations) {
      const label = citationLabel(citation);
      const entry = citation.url ? externalLink({ text: label, href: citation.url }) : element("span", { text: label });
      list.append(element("li", { children: [entry] }));
    }
    return list;
  }

  function showReply(options) {
    const { reply, body } = options;
    reply.replaceChildren();
    reply.removeAttribute("role");
    reply.classList.remove("pending");
    const citations = Array.isArray(body.citations) ? body.citations : [];
    reply.append(renderAnswer({ answer: String(body.answer ?? ""), citations }));
    if (citations.length > 0) reply.append(renderCitations(citations));
    // A near miss cites nothing; the items on the topic are listed apart, for the reader to check.
    const related = Array.isArray(body.related) ? body.related : [];
    if (related.length > 0) reply.append(element("div", { className: "related-heading", text: "相关信息" }), renderCitations(related, "相关信息"));
    reply.append(...renderActions(body));
  }

  /** A Word download for exports and one-unit summaries, the full list for counts and rankings. */
  function renderActions(body) {
    const actions = [];
    if (typeof body.download === "string") actions.push(element("a", { className: "button secondary", text: "下载 Word", attributes: { href: body.download, download: "" } }));
    if (typeof body.statistics === "string") actions.push(externalLink({ className: "button secondary", text: "在统计页查看完整列表", href: body.statistics }));
    return actions.length > 0 ? [element("div", { className: "reply-actions", children: actions })] : [];
  }

  function showError(options) {
    const { reply, message } = options;
    reply.replaceChildren(element("div", { className: "answer error", text: message, attributes: { role: "alert" } }));
    reply.removeAttribute("role");
    reply.classList.remove("pending");
  }

  function setWaiting(value) {
    waiting = value;
    questionInput.disabled = value;
    askButton.disabled = value;
    askButton.textContent = value ? "检索中…" : "提问";
    form.setAttribute("aria-busy", String(value));
  }

  /** Posts one question; resolves to the answer body or throws an Error whose message a staff member can read. */
  async function postQuestion(question) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
    let response;
    try {
      response = await fetch("api/ask", {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ question, conversationId }),
        signal: controller.signal,
      });
    } catch (error) {
      throw new Error(controller.signal.aborted ? "检索超时，请稍后再试或换个问法。" : "无法连接服务器，请检查网络后重试。");
    } finally {
      clearTimeout(timer);
    }
    if (response.status === 401) throw goToLogin();
    let body = null;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    if (!response.ok) {
      const message = body && typeof body.error === "string" && body.error ? body.error : `服务器出错（HTTP ${response.status}），请稍后再试。`;
      throw new Error(message);
    }
    if (!body || typeof body.answer !== "string") throw new Error("服务器返回的内容无法识别，请稍后再试。");
    return body;
  }

  async function ask(rawQuestion) {
    const question = rawQuestion.trim();
    if (!question || waiting) return;
    const asked = generation;
    const turn = element("article", { className: "turn" });
    turn.append(element("div", { className: "question", children: [element("span", { className: "visually-hidden", text: "问：" }), question] }));
    const reply = element("div", { className: "reply pending", attributes: { role: "status" }, text: "正在检索…" });
    turn.append(reply);
    conversation.append(turn);
    turn.scrollIntoView({ block: "end", behavior: "smooth" });
    questionInput.value = "";
    setWaiting(true);
    try {
      const body = await postQuestion(question);
      if (asked !== generation) return;
      if (typeof body.conversationId === "string" && body.conversationId) conversationId = body.conversationId;
      showReply({ reply, body });
    } catch (error) {
      if (asked !== generation) return;
      showError({ reply, message: error instanceof Error ? error.message : String(error) });
    } finally {
      if (asked === generation) {
        setWaiting(false);
        turn.scrollIntoView({ block: "start", behavior: "smooth" });
        questionInput.focus();
      }
    }
  }

  function resetConversation() {
    generation += 1;
    conversationId = newConversationId();
    conversation.replaceChildren();
    setWaiting(false);
    questionInput.value = "";
    questionInput.focus();
  }

  function setPanelOpen(open) {
    document.body.classList.toggle("panel-open", open);
    togglePanelButton.setAttribute("aria-expanded", String(open));
  }

  async function getJson(url) {
    const response = await fetch(url, { headers: { accept: "application/json" } });
    if (response.status === 401) throw goToLogin();
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response.json();
  }

  /** One page of issues, newest first; a 更多 button at the end asks for the next page. */
  async function loadIssues(offset = 0) {
    try {
      const page = await getJson(`api/issues?offset=${offset}&limit=${ISSUE_PAGE_SIZE}`);
      if (offset === 0) issueList.replaceChildren();
      else issueList.querySelector(".more-issues")?.remove();
      const issues = page && Array.isArray(page.issues) ? page.issues : [];
      if (offset === 0 && issues.length === 0) {
        issueList.append(element("li", { className: "muted", text: "尚未收录任何简报" }));
        return;
      }
      for (const issue of issues) {
        const label = issueLabel(issue);
        const entry = issue.url ? externalLink({ text: label, href: issue.url }) : element("span", { text: label });
        issueList.append(element("li", { children: [entry] }));
      }
      const shown = offset + issues.length;
      if (issues.length > 0 && shown < page.total) {
        const more = element("button", { className: "more", attributes: { type: "button" }, text: `更多（还有 ${page.total - shown} 期）` });
        more.addEventListener("click", () => {
          more.disabled = true;
          loadIssues(shown);
        });
        issueList.append(element("li", { className: "more-issues", children: [more] }));
      }
    } catch {
      issueList.querySelector(".more-issues")?.remove();
      if (offset === 0) issueList.replaceChildren();
      issueList.append(element("li", { className: "muted", text: "简报列表加载失败，请刷新页面重试。" }));
    }
  }

  async function loadUnits() {
    try {
      const units = await getJson("api/units");
      unitList.replaceChildren();
      if (!Array.isArray(units) || units.length === 0) {
        unitList.append(element("li", { className: "muted", text: "暂无报送单位" }));
        return;
      }
      for (const unit of units) {
        const button = element("button", {
          className: "unit",
          attributes: { type: "button", title: `总结${unit.department}的工作` },
          children: [element("span", { text: unit.department }), element("span", { className: "count", text: String(unit.items) })],
        });
        button.addEventListener("click", () => {
          if (NARROW_QUERY.matches) setPanelOpen(false);
          ask(`总结${unit.department}的工作`);
        });
        unitList.append(element("li", { children: [button] }));
      }
    } catch {
      unitList.replaceChildren(element("li", { className: "muted", text: "单位列表加载失败，请刷新页面重试。" }));
    }
  }

  /** With the login on, shows who is signed in and 退出登录; without it (local use) the name is null. */
  async function loadSession() {
    const response = await fetch("api/me", { headers: { accept: "application/json" } }).catch(() => null);
    if (!response) return;
    if (response.status === 401) {
      goToLogin();
      return;
    }
    if (!response.ok) return;
    const me = await response.json().catch(() => null);
    if (!me || typeof me.name !== "string") return;
    staffName.textContent = me.name;
    signedIn.hidden = false;
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    ask(questionInput.value);
  });
  questionInput.addEventListener("keydown", (event) => {
    // isComposing: Enter that confirms a pinyin candidate must not send the question.
    if (event.key !== "Enter" || event.shiftKey || event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    ask(questionInput.value);
  });
  for (const example of document.querySelectorAll(".example")) {
    example.addEventListener("click", () => ask(example.textContent || ""));
  }
  newConversationButton.addEventListener("click", resetConversation);
  togglePanelButton.addEventListener("click", () => setPanelOpen(!document.body.classList.contains("panel-open")));
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && document.body.classList.contains("panel-open")) setPanelOpen(false);
  });

  loadSession();
  loadIssues();
  loadUnits();
  questionInput.focus();
})();
