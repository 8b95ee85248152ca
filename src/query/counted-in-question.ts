/**
 * What a question for a count counts, read from its words: the thing after the question word ("来了多少游客"),
 * before it ("高校毕业生有多少"), before the verb done to it ("…排查 救生衣囤了多少") or before 被
 * ("护坡被冲坏的有多少").
 */

// "来了多少游客", "多少个服务项目": what is counted follows the question word.
const COUNTED_THING = /(?:多少|(?<![那这哪])几)(?:个(?!体))?([\u4e00-\u9fff]{2,6})/;
/** What a sum of money is called right after 多少 ("多少钱", "多少万元", "多少资金"). */
const MONEY_AFTER = /^(?:[钱块元万亿千]|[\u4e00-\u9fff]{0,3}(?:[费款金钱资薪酬税额价租]|补贴|补助|津贴|利润|收入|产值|投资|损失|补偿|赔偿))/;
export const NOT_A_THING = /^[了吗呢啊的是都在被已有还没不钱人名次万亿倍个要需能会得该]/;

// "抖音上点赞有多少", "高校毕业生是多少": what is counted, said before the question word at the end.
const ASKED_AT_END = /(?:一共|总共|大概|大约|共)?(?:有|是|占)(?:多少|几个|几)[？?]?\s*$/;
// "之前是几个", "现在有多少": when, not what (and what is counted is said elsewhere).
const WHEN_WORD = /(?:之前|以前|原来|原先|现在|目前|当时|当初|之后|以后|后来|最后|最终|起初|一开始)$/;
const NOT_A_THING_BEFORE = /[了吗呢啊的是都在被已有还没不钱人名次万亿倍个那这啥么要能得上下里共总约概分别各]|数字/;

/** "多少个残疾小孩做了康复救助": the thing ends with the word for the people counted; the verb after it is no part of it. */
const PEOPLE_THEN_VERB = /^([\u4e00-\u9fff]*?(?:孩子|小孩|娃娃|小娃|宝宝|小朋友|群众|居民|老人))[\u4e00-\u9fff]+$/;

/** "…排查 救生衣囤了多少", "…大检查 塔吊一共查了多少": after a space or comma, a thing, a verb done, then 多少 at the end. */
const THING_THEN_VERB = /[\s，,]([\u4e00-\u9fff]{2,4}?)(?:一共|总共|共|都|又)?[\u4e00-\u9fff](?:了|过|掉|出|好|完|到)(?:一共|总共|共)?多少[？?]?\s*$/;
/** "最后采纳了多少", "第一批查了多少": when, or which batch, not what is counted. */
const NOT_THE_THING = /^(?:最后|最终|后来|现在|目前|一共|总共|当时|第[一二三四五六七八九十\d]+|头一|首)/;
const HOW_GOT = /[\u4e00-\u9fff](?:出来|下来|起来)$/;
/** "多少家企业做了", "几户困难户慰问了": the verb and its 了 or 过 after the thing counted are no part of it. */
const VERB_DONE_AFTER = /^([\u4e00-\u9fff]{2,}?)[\u4e00-\u9fff]{1,2}[了过]$/;

/** "签了家医的", "办过证的": a verb done, then what it was done to, then 的. */
const DID_TO_IT = /[了过][\u4e00-\u9fff]{1,4}的$/;

/** "派了多少队伍下去": the direction after the thing is no part of it. */
const DIRECTION_AFTER = /(?:下去|上去|出去|进去|回去|回来|过来|过去|出来|起来|下来)$/;

export function withoutVerbAfter(thing: string | undefined): string | undefined {
  return thing?.replace(DIRECTION_AFTER, "").replace(VERB_DONE_AFTER, "$1");
}

/** "前年几座今年几座": the words after one question word up to the next period or question word are what it counts. */
const NEXT_ASKED = /多少|几|[今去前明后当同]年|\d{2,4}\s*年|[上下]半年/;

export function ownWords(run: string | undefined): string | undefined {
  return run?.split(NEXT_ASKED)[0];
}

export function countedThing(question: string): { counted?: string } {
  // "多少来着": 来着 asks again, it is no thing.
  // "多少个残疾小孩做了康复救助": the thing ends with the word for the people counted; the verb after it is no part of it.
  const thing = ownWords(COUNTED_THING.exec(question)?.[1])?.replace(/(?:来着|[了吗呢啊呀的])+$/, "").replace(DIRECTION_AFTER, "").replace(PEOPLE_THEN_VERB, "$1");
  if (thing && thing.length > 1 && !NOT_A_THING.test(thing)) return { counted: thing };
  // The run of characters before 多少, from its last character that cannot be part of a noun on.
  // "搞电诈的有几个": the thing ends before 的.
  // "满意度测出来是多少": how the figure was got (测出来, 算下来) is no part of the thing.
  // "老人签了家医的有多少": those who did it are counted; what they did it to (家医) is not the thing.
  const asked = question.replace(ASKED_AT_END, "");
  const before = ASKED_AT_END.test(question) && !DID_TO_IT.test(asked) ? /[\u4e00-\u9fff]{2,4}$/.exec(asked.replace(/的$/, "").replace(HOW_GOT, ""))?.[0] : undefined;
  // "21年入汛前水利排查 救生衣囤了多少": a phrase of its own that names a thing, then what was done to it, then 多少.
  const beforeVerb = THING_THEN_VERB.exec(question)?.[1];
  if (beforeVerb && !NOT_A_THING_BEFORE.test(beforeVerb) && !WHEN_WORD.test(beforeVerb) && !NOT_THE_THING.test(beforeVerb)) return { counted: beforeVerb };
  // "护坡被冲坏的有多少": what was done to it follows 被; the thing is before it.
  const passive = /([\u4e00-\u9fff]{2,4})被[\u4e00-\u9fff]{1,4}$/.exec(question.replace(ASKED_AT_END, "").replace(/的$/, ""))?.[1]?.split(NOT_A_THING_BEFORE).at(-1);
  const noun = passive ?? (before === undefined || WHEN_WORD.test(before) ? undefined : before.split(NOT_A_THING_BEFORE).at(-1));
  return noun && noun.length > 1 ? { counted: noun } : {};
}

/** "每天盯多少大超市的价格", "免费给多少独居老人装了烟感": the question word counts a thing right after it, no sum of money. */
export function countsThingAfter(question: string): boolean {
  const counted = COUNTED_AFTER.exec(question)?.[1];
  return counted !== undefined && !NOT_A_THING.test(counted) && !MONEY_AFTER.test(counted);
}
const COUNTED_AFTER = /(?:多少|(?<![那这哪])几)(?:个)?([\u4e00-\u9fff]{2,6})/;
