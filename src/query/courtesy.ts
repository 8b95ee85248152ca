/**
 * What a question in a chat says besides the question: a greeting, a request to be told ("能不能告诉我…",
 * "麻烦问一下"), thanks and urgency ("…，急", "？领导要", "谢谢啦"). They say how staff ask, not what about,
 * and "能不能告诉我" asks no yes/no question.
 */

// "您好，", "麻烦问一下，", "能不能告诉我", "帮我查一下", "我想知道": each opening may follow another.
const OPENING = new RegExp(
  "^[\\s，,。！!]*(?:" + [
    "您好|你好|老师好|在吗",
    "(?:麻烦|劳驾)?(?:你|您)?(?:能不能|能否|可不可以|可否|能|可以)?(?:帮我|帮忙|给我)?(?:告诉我|告诉一下|说一下|说说|查一下|查查|找一下|看一下|看看|看下|查下|问一下|问下|问问)",
    "(?:我|我们)?(?:想|要)?(?:问一下|问下|问问|打听一下|打听下|咨询一下|咨询下|请教一下|请教下|了解一下|了解下)",
    "(?:我|我们)?(?:想|要)知道",
    "麻烦(?:你|您)?|劳驾|请问",
  ].join("|") + ")[\\s，,：:。！!]*",
);
// "，急", "？领导要", "谢谢啦", "在线等": each ending may follow another.
// The runs of marks around it are bounded, so that a long message of marks costs linear time, not quadratic.
const ENDING = /[\s，,。！!？?]{0,4}(?:急用|很急|着急|加急|急|在线等|尽快|领导要|领导问|领导在问|马上要|等着用|谢谢(?:啦|了|你|您|哈)?|多谢|感谢(?:你|您)?|辛苦(?:了|啦)?)[\s。！!~～]{0,4}$/;

/** The question without its greeting, request to be told, thanks and urgency; the question mark stays. */
export function withoutCourtesy(text: string): string {
  let rest = text;
  for (let opening = OPENING.exec(rest); opening && opening[0].length > 0 && opening[0].length < rest.length; opening = OPENING.exec(rest)) rest = rest.slice(opening[0].length);
  for (let ending = ENDING.exec(rest); ending && ending.index > 0; ending = ENDING.exec(rest)) {
    const mark = /[？?]/.test(ending[0]) ? "？" : "";
    rest = `${rest.slice(0, ending.index)}${mark}`;
  }
  return rest;
}
