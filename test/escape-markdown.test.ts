import { describe, expect, it } from "vitest";
import { escapeMarkdown, linkTarget, markdownLink } from "../src/feishu/escape-markdown.js";

describe("escapeMarkdown", () => {
  it("turns @everyone, @someone and closing tags into text", () => {
    expect(escapeMarkdown("请<at id=all></at>注意")).toBe("请&#60;at id=all&#62;&#60;/at&#62;注意");
    expect(escapeMarkdown("<AT ids=ou_1,ou_2></AT>")).toBe("&#60;AT ids=ou_1,ou_2&#62;&#60;/AT&#62;");
    expect(escapeMarkdown("<at email=boss@example.com>")).toBe("&#60;at email=boss@example.com&#62;");
  });

  it("turns font, link, a, person and raw tags into text", () => {
    expect(escapeMarkdown("<font color='red'>紧急</font>")).toBe("&#60;font color='red'&#62;紧急&#60;/font&#62;");
    expect(escapeMarkdown("<a href='https://evil.example'>官网</a>")).toBe("&#60;a href='https://evil.example'&#62;官网&#60;/a&#62;");
    expect(escapeMarkdown("<link url='javascript:alert(1)'>x</link><person id='ou_1'></person><raw>")).toBe(
      "&#60;link url='javascript:alert(1)'&#62;x&#60;/link&#62;&#60;person id='ou_1'&#62;&#60;/person&#62;&#60;raw&#62;",
    );
  });

  it("breaks link, image, autolink and link-definition syntax", () => {
    expect(escapeMarkdown("详见[通知](javascript:alert(1))")).toBe("详见&#91;通知&#93;(javascript:alert(1))");
    expect(escapeMarkdown("![图](img_v2_x)")).toBe("!&#91;图&#93;(img_v2_x)");
    expect(escapeMarkdown("<https://evil.example>")).toBe("&#60;https://evil.example&#62;");
    expect(escapeMarkdown("[1]: https://evil.example\n见[1]。")).toBe("&#91;1&#93;: https://evil.example\n见[1]。");
    expect(escapeMarkdown("见[2](https://evil.example)")).toBe("见&#91;2&#93;(https://evil.example)");
    expect(escapeMarkdown("见[2] (https://evil.example)")).toBe("见&#91;2&#93; (https://evil.example)");
  });

  it("keeps citation markers inside text and the text itself as written", () => {
    expect(escapeMarkdown("全区落实小麦种植面积5.2万亩[1]，覆盖率达100%[1][3]。")).toBe("全区落实小麦种植面积5.2万亩[1]，覆盖率达100%[1][3]。");
    expect(escapeMarkdown("**基层治理**\n- 建成站点 76 个 [2]\n- 志愿者 3.6 万人 [3]\n共 4 期")).toBe("**基层治理**\n- 建成站点 76 个 [2]\n- 志愿者 3.6 万人 [3]\n共 4 期");
    expect(escapeMarkdown("a < b > c，“一网通办”&其他")).toBe("a &#60; b &#62; c，“一网通办”&其他");
  });

  it("escapes a marker at the end, so escaped pieces joined together never form a link", () => {
    expect(escapeMarkdown("面积5.2万亩。[1]")).toBe("面积5.2万亩。&#91;1&#93;");
    const tokens = ["见", "[1]", "(java", "script:alert(1))"];
    expect(tokens.map(escapeMarkdown).join("")).toBe("见&#91;1&#93;(javascript:alert(1))");
    expect(["<", "at id=all>", "</at", ">"].map(escapeMarkdown).join("")).toBe("&#60;at id=all&#62;&#60;/at&#62;");
  });
});

describe("linkTarget and markdownLink", () => {
  const signed = "http://127.0.0.1:8080/issues/3?item=2&expires=1795859026&signature=ab-c_d#item-2";

  it("keeps our signed http(s) links as they are", () => {
    expect(linkTarget(signed)).toBe(signed);
    expect(markdownLink({ label: "[1] 第18期 · 区农委：春耕", url: signed })).toBe(`[&#91;1&#93; 第18期 · 区农委：春耕](${signed})`);
  });

  it("refuses every other scheme and relative or broken URLs, leaving the escaped label", () => {
    for (const url of ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x", "lark://applink", "/issues/3", "", undefined, "http://"]) {
      expect(linkTarget(url)).toBeUndefined();
      expect(markdownLink({ label: "<at id=all></at>", url })).toBe("&#60;at id=all&#62;&#60;/at&#62;");
    }
  });

  it("percent-encodes characters that would end the markdown link early", () => {
    expect(linkTarget("https://x.example/a)b(c 'd'[e]")).toBe("https://x.example/a%29b%28c%20%27d%27%5Be%5D");
  });
});
