/**
 * A part of a group, asked for by name: "备案里头跨省的有多少人次", "光学生参加了多少", "宫颈癌的占几个".
 * A figure for the whole group ("办理异地就医备案3260人次") does not answer it; only a clause that names
 * the part does ("其中跨省备案1020人次"). A report that does not split the part out is a near miss.
 */

// "那58个新兵里峡窝镇的有几个", "直接结算里 跨省的有多少": the group, then the part of it, then the question word.
// A bare 里 after a place or a time ("区里", "城里", "一年里") is no group.
// "困难户里面 残疾人家庭有几户": the part may also stand bare before 有.
const WITHIN_GROUP = /(?:里头|里面|里边|当中|之中|其中|(?<![区市县省城村镇家这那哪公千万邻年月天夜心手眼])里)[，,、\s]*(?:光|只有|仅)?([\u4e00-\u9fff\d]{1,8}?)(?:的(?:有|占|是)?|有|占)(?:多少|多大|几)/;
// "光学生参加了多少": 光 for "only", not the 光 of 光伏, 光荣, 阳光 or 观光.
const ONLY_PART = /(?<![阳观灯曝风时眼目荣月星发反])光(?![伏荣纤明谷盘缆照线])([\u4e00-\u9fff]{2,4}?)(?:参加|参与|报名|来|去|搞|办|做|签|有|的)了?(?:多少|几)/;
// "宫颈癌的占几个", "公办的占多少": the part's share of the group.
const SHARE_OF_GROUP = /([\u4e00-\u9fff\d]{2,6}?)的占(?:多少|多大|几)/;
// "除了轮椅助听器 拐杖助行器配了多少件": the rest beside the things set aside.
const BESIDES = /除了[\u4e00-\u9fff、和跟与及]{2,12}?(?:以外|之外|外)?[\s，,]+([\u4e00-\u9fff]{2,8}?)(?:[\u4e00-\u9fff][了过]|的|有|是)?(?:多少|几)/;
/** Words that point at the group rather than name the part ("那些", "这个"). */
const POINTING = /^(?:那些|这些|那个|这个|那|这|其中|光)/;

/** The part of a group the question asks a figure for, or undefined when it asks for no part. */
export function askedSubset(question: string): string | undefined {
  for (const pattern of [WITHIN_GROUP, ONLY_PART, SHARE_OF_GROUP, BESIDES]) {
    const part = pattern.exec(question)?.[1]?.replace(POINTING, "");
    if (part && [...part].length >= 2) return part;
  }
  return undefined;
}

/** The clause names the part asked, in its words or by a thesaurus word of one of them. */
export function namesSubset(text: string, subset: string, synonyms?: Readonly<Record<string, readonly string[]>>): boolean {
  // "残疾人家庭": what sets the part apart is said before its last word (家庭, which the whole group shares).
  const characters = [...subset];
  if (namesPair(text, characters.length >= 4 ? characters.slice(0, -2).join("") : subset)) return true;
  return Object.entries(synonyms ?? {}).some(([word, others]) => subset.includes(word) && others.some((other) => text.includes(other)));
}

/** Two neighbouring characters of the part, next to each other in the text ("跨省" in "跨省备案"). */
function namesPair(text: string, words: string): boolean {
  const characters = [...words];
  for (let index = 0; index + 1 < characters.length; index += 1) {
    if (text.includes(`${characters[index]}${characters[index + 1]}`)) return true;
  }
  return false;
}

/**
 * "二等奖评了几个队", "A级的有几栋", "一级古树有几棵": a grade asked by name. A clause with the figures of other
 * grades ("评出一等奖3个", "C级的11栋、D级的3栋") answers only when it names this one, in just these words.
 */
// "那三类责任人" counts kinds: 类 names no grade, nor does a grade pointed at.
const GRADE = /(?<![一二三四五六七八九十\dA-Za-z第统同唯那这])([一二三四五六七八九十甲乙丙丁A-Da-d]|[1-9])(等奖|级|档|星级)(?![一二三四五六七八九十\d])/;

/** The grade a question asks a figure for, or undefined. */
export function askedGrade(question: string): string | undefined {
  const match = GRADE.exec(question);
  return match ? `${match[1]}${match[2]}` : undefined;
}
