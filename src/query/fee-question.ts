/**
 * Questions on whether something costs anything ("要不要买门票", "要家长掏钱吗", "收不收托管费"), and how
 * reports say what it costs: "免费开展", "不收取托管费用", "体检费用由财政保障", "每人每月300元".
 */

/** Whether something costs anything: "要不要买门票", "要掏钱不", "居民要不要自己掏钱", "收不收费", "是不是免费". */
export const FEE_ASKED = /(?:要不要|用不用|需不需要|需要|要)(?:交|掏|花|付|出|买)?(?:钱|费|门?票)|(?:要不要|用不用|需不需要)[\u4e00-\u9fff]{1,4}?(?:交|掏|花|付|出)(?:钱|费)|(?:掏|交|花|付|收)(?:[\u4e00-\u9fff]{0,3}?费|钱)了?(?:不|吗|没)|收费(?:吗|不)|收不收(?:[\u4e00-\u9fff]{0,3}费|钱)|免不免费|是不是(?:不要钱|免费|收费)|免费(?:吗|不)/;
/** The question's words for what it costs. */
export const FEE_WORD = /钱|费|票/;
/** A clause that says what something costs, or that it costs nothing. */
export const FEE_STATE = /免费|不收费|免收|零负担|零费用|无需缴费|不收取|减免|收取[^，。；]{0,6}费|由财政(?:保障|承担|负担)|自筹|自费|个人(?:承担|负担)|\d\s*元/;
/** The words reports say it in, searched for the question's word for what it costs. */
const FEE_STATE_WORDS: readonly string[] = ["免费", "费用", "不收取", "财政保障"];

/** "要家长掏钱吗": a question's word for what it costs is searched as reports say it ("免费开展", "费用由财政保障"). */
export function feeStateWords(question: string, term: string): string[] {
  return FEE_ASKED.test(question) && FEE_WORD.test(term) ? FEE_STATE_WORDS.filter((word) => word !== term) : [];
}
/** Who the question says would pay, and getting in ("进去要门票不"): how it asks, not what it is about. */
export const FEE_ASKING_WORD = /^(?:家长|自己|自个|个人|本人|群众|老百姓|咱们?|我们|进去|进门)$/;
