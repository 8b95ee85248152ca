import { issueNumberLabel, type StoredItem } from "../domain.js";
import { askedParts, type AnswerType } from "../query/answer-type.js";
import { readYesNoClaim } from "../query/yes-no-claim.js";
import type { SearchResult } from "../search/hybrid-search.js";
import type { Retrieval } from "../search/retrieval.js";
import { bigramCoverage } from "../search/relevance.js";
import { onlyPlans, PROGRESS_SAID } from "../query/figure-scope.js";
import { inMonthsOfAnyYear, opensOnOtherMonths } from "../query/period-reports.js";
import type { QueryUnderstanding } from "../query/understand-query.js";
import type { CitationLinks } from "./citation-links.js";
import { displayTitle, toCitation, type Citation } from "./citation.js";
import type { FoundItem } from "./pair-hits-with-items.js";
import { resolveRelativeTimes } from "./resolve-relative-times.js";
import { scoreClauses, yearOfClause, topicShare, type ScoredClause } from "./select-sentences.js";
import { complementClause, gistOf } from "./gist-clauses.js";
import { FEE_ASKING_WORD, FEE_STATE } from "../query/fee-question.js";
import { denies, onlyPlanned, PRICE_KEPT, PRICED, saysDone, YES_NO_WORDS } from "./yes-no-evidence.js";
import { readYesNoQuestion } from "./yes-no-reading.js";
import { answerEachPeriod, answerEachThingAsked, answersFor, TOP_ITEM_TOPIC_MINIMUM, TOPIC_MINIMUM, yearsOf } from "./answer-each-part.js";
import { mentionsInOrder, unitParts, type UnitPart } from "../query/unit-parts.js";
import { placeName } from "../query/derive-unit-aliases.js";

const MAX_CLAUSES = 3;
/** ... and at least this share of what the best clause of any item found carries. */
const TOPIC_SHARE = 0.5;
/**
 * "家庭医生总共签了多少人" against an item whose 签约 clause gives only 重点人群: a figure in another of its clauses
 * ("上门随访1.1万人次") is of another thing. The typed clause must be at least this share as much about the
 * topic as the item's clause most about it (0.4–0.5 on the tune files; 0.55 starts refusing right answers).
 */
const TOP_ITEM_TOPIC_SHARE = 0.4;
/** A typed value comes only from an item with at least this share of the best item's words: a figure about another thing is a wrong answer. */
const ITEM_TOPIC_SHARE = 0.6;
const NUMERIC_KINDS = new Set(["money", "percent", "people", "count", "number", "duration"]);
/** A yes/no question is answered only by a clause that carries most of its words. */
const YES_NO_MINIMUM = 0.6;
/** ... and when none does, the first item's best clause with this much of them is quoted as related, with no "有。". */
const YES_NO_RELATED = 0.35;

export type ExtractedAnswer =
  | { kind: "answer"; answer: string; citations: Citation[]; related: Citation[] }
  /** The bulletins talk about the topic but give no value of the asked type. */
  | { kind: "near-miss"; topic: StoredItem; related: Citation[]; answerType: AnswerType };

/**
 * The extractive answer: the best clauses of the top items, each item introduced by its issue and
 * unit ("据第64期（2025-11-27）区公安局报送：……[1]"), relative times resolved against the issue's
 * date. When the question asks for a type of value (an amount, a count of people, a date …), only
 * clauses carrying such a value answer; when none does, it is a near miss. Citations hold only the
 * items the answer quotes; the other items found are `related`.
 */
export function extractAnswer(options: {
  retrieval: Pick<Retrieval, "termWeight" | "tokenize">;
  result: Pick<SearchResult, "queryTerms" | "synonyms" | "filters">;
  found: readonly FoundItem[];
  understanding: QueryUnderstanding;
  answerType: AnswerType | undefined;
  links: CitationLinks | undefined;
}): ExtractedAnswer {
  const { retrieval, result, found, understanding, links } = options;
  // "公安化解了多少起纠纷，司法局化解了多少件争议": one question per unit, each with its own measure.
  const units = [...understanding.units, ...(understanding.hintedUnits ?? []).map((mention) => mention.unit)];
  // "开放日是不是六一当天办的": the passage must give a date about the topic; 六一 itself is not looked for.
  const claim = readYesNoClaim(understanding.text);
  const claimed = claim?.value?.words ?? [];
  // "葡萄卖了多少钱 夜市营业额又是多少": the first thing asked is answered first, with its own words of the value;
  // each further part is answered below.
  const thingsAsked = askedParts(understanding.text);
  const partsAsked = units.length < 2 && options.answerType ? thingsAsked : [];
  const firstPart = partsAsked[0]?.type;
  const asked = firstPart ?? options.answerType ?? claim?.value?.type;
  // A figure must be said of the question's topic where a clause names it (focus); several units each have their own.
  // "处理率多少", "多少老师": the thesaurus words of what the value is of, or of what is counted, name it too (处置率, 教师).
  const synonyms = result.synonyms ? { synonyms: result.synonyms.of } : {};
  // "旅协跟文广旅体局一块儿去查…多少家次": units that report together in one item ask one value of it.
  const jointReport = units.length > 1 && found.some(({ item }) => units.every((unit) => item.units.includes(unit)));
  const answerType: AnswerType | undefined = units.length > 1 && !jointReport && asked && NUMERIC_KINDS.has(asked.kind)
    ? { kind: "number", label: "数字" }
    : asked && { ...asked, focus: understanding.keywords, ...synonyms };
  // The rest of the question counts a little: "上半年" in "今年上半年,平台受理事件37176件" matters here.
  // A search that let the unit go searched its name as words ("林业一共造了多少亩林子"); a clause naming the unit
  // ("由区林业局统一规划") is no more about what was asked for it.
  const unitNames = [...understanding.units, ...understanding.unitMentions.map((mention) => mention.alias)];
  const namesUnit = (term: string) => unitNames.some((name) => name.includes(term));
  // "能不能送饭到家": 不能 is the question's form, not something a passage says.
  const searched = claim ? result.queryTerms.filter((term) => !YES_NO_WORDS.test(term)) : result.queryTerms;
  // "有没有再犯事的" is cut 再犯 / 事: the thesaurus word the question says ("再犯事") is the term, so that a clause
  // with one of its words ("未发生重新违法犯罪") has it.
  // A word whose characters the terms cover all ("老年食堂": 老年, 食堂) is searched as they are.
  const covers = (word: string) => [...searched].sort((left, right) => right.length - left.length).reduce((rest, term) => rest.replaceAll(term, ""), word) === "";
  const spoken = Object.keys(result.synonyms?.of ?? {}).filter((word) => [...word].length > 2 && understanding.keywords.includes(word) && !searched.includes(word) && !covers(word));
  const queryTerms = [...(result.filters.unitsRelaxed ? searched.filter((term) => understanding.keywords.includes(term) || !namesUnit(term)) : searched), ...spoken];
  // The unit's own name in a clause says nothing about which clause answers.
  const context = retrieval.tokenize(understanding.text).filter((term) => !queryTerms.includes(term) && !namesUnit(term));
  // "前年林业一共造了多少亩林子": a clause opening on another year ("2025年以来，…计划…") is not about the one asked.
  const period = understanding.period?.explicit ? understanding.period : undefined;
  const askedYears = period && { ...yearsOf(period), part: /[上下]半年|[春夏秋冬]季/.exec(period.label)?.[0] };
  // Every year the question names, each period on its own ("24年…21年呢" names 2024 and 2021, not 2022 or 2023).
  const yearsNamed = new Set((understanding.periods ?? (period ? [period] : [])).flatMap((named) => {
    const { from, to } = yearsOf(named);
    return Array.from({ length: to - from + 1 }, (_, index) => from + index);
  }));
  const parts = units.length > 1 ? unitParts({ understanding, tokenize: retrieval.tokenize, terms: queryTerms }) : new Map<string, UnitPart>();
  // A checked value makes it a fact question ("破400了没" ≈ "多少"); otherwise the passage must be about exactly that.
  const yesNo = claim !== undefined && claim.value === undefined;
  const reading = readYesNoQuestion({ yesNo, text: understanding.text, queryTerms, synonyms: result.synonyms, termWeight: retrieval.termWeight });
  const { feeAsked, priceChange } = reading;
  const picked = found.map(({ item, hit }) => {
    // Each unit's item answers its own part of the question, with that part's words and measure.
    const part = item.units.map((unit) => parts.get(unit)).find((entry) => entry !== undefined);
    // "体检要家长自己掏钱吗": who would pay is how the question asks, not what the clause is about ("体检费用由财政保障").
    const terms = (part && part.terms.length > 0 ? part.terms : queryTerms).filter((term) => !claimed.some((word) => word.includes(term) || term.includes(word)) && !(feeAsked && FEE_ASKING_WORD.test(term)));
    const partType = part?.answerType && answerType ? { ...part.answerType, ...synonyms } : answerType;
    const clauses = scoreClauses({ text: item.body, terms, context, weight: retrieval.termWeight, answerType: partType, title: item.title, synonyms: result.synonyms, years: askedYears && { ...askedYears, issued: item.date } });
    return {
      item, hit, clauses, terms, best: (yesNo ? reading.saysAsked(clauses) : undefined) ?? bestClause(clauses, answerType), topic: Math.max(0, ...clauses.map((clause) => clause.topic)),
      // What the value is of ("罚款") is checked with the value; the rest of the words say which thing.
      about: topicShare({ text: `${item.title}${item.body}`, terms: terms.filter((term) => !partType?.subject?.includes(term)), weight: retrieval.termWeight, synonyms: result.synonyms }),
    };
  });
  // "省督察整改那次环保罚款一共多少": the item about the 督察 has no figure; the 罚款 of another item is not the answer.
  const mostAbout = Math.max(0, ...picked.map((entry) => entry.about));
  const mostCovered = Math.max(0, ...picked.map((entry) => entry.hit.coverage));
  // Less about the thing by both measures: its own words and the search's coverage (which counts synonyms).
  // "矿山街道3月份大扫除那次": an item of the months named (in any year) is not off the topic beside one only more about it.
  const fuzzyPeriod = understanding.period && !understanding.period.explicit ? understanding.period : undefined;
  const fitsTime = (entry: (typeof picked)[number]) => fuzzyPeriod !== undefined && inMonthsOfAnyYear(entry.item.date, fuzzyPeriod);
  const timeSetsApart = (entry: (typeof picked)[number]) => fitsTime(entry) && !picked.some((other) => other.about === mostAbout && fitsTime(other));
  const offTopic = (entry: (typeof picked)[number]) => entry.about < mostAbout * ITEM_TOPIC_SHARE && entry.hit.coverage < mostCovered * 0.9 && !timeSetsApart(entry);
  // "办缓缴税费" is cut 办缓 / 缴税 / 费: the clause's share of the question's character pairs speaks for it too.
  const yesNoTopic = (clause: ScoredClause) => Math.max(topicOf(clause), bigramCoverage({ query: understanding.keywords, text: clause.text }));
  const passage = (entry: (typeof picked)[number]) => ({ best: entry.best!, title: entry.item.title, body: entry.item.body });
  const chosen: { item: StoredItem; clause: ScoredClause }[] = [];
  const entryOf = (item: StoredItem) => picked.find((entry) => entry.item.id === item.id)!;
  const literalShare = (entry: (typeof picked)[number]) => topicShare({ text: `${entry.item.title}${entry.item.body}`, terms: entry.terms, weight: retrieval.termWeight, synonyms: undefined });
  const topScore = Math.max(0, ...picked.map((entry) => entry.best?.score ?? 0));
  // How well the best clause anywhere covers the question's topic: a figure elsewhere must be about the same thing.
  const bestTopic = Math.max(0, ...picked.map((entry) => entry.topic));
  const covered = new Set<string>();
  // "整改完了没": the passage on the topic may not say it in the question's words; it is quoted for the reader to judge.
  let yesNoRelated: { item: StoredItem; clause: ScoredClause } | undefined;
  for (const [index, entry] of picked.entries()) {
    if (!entry.best || chosen.length >= Math.max(MAX_CLAUSES, units.length)) continue;
    // The best item's own figure needs only a little of the topic; a figure from another item must be about the same thing.
    const newUnit = entry.item.units.some((unit) => units.includes(unit) && !covered.has(unit));
    const topicNeeded = index === 0 || newUnit ? Math.max(TOP_ITEM_TOPIC_MINIMUM, entry.topic * TOP_ITEM_TOPIC_SHARE) : Math.max(TOPIC_MINIMUM, bestTopic * TOPIC_SHARE);
    if (answerType && (!entry.best.typed || entry.best.topic < topicNeeded)) continue;
    // "24年辅具中心适配了多少件 21年呢" against "2023年，…适配辅具702件" in a 2024 issue: a figure of a year not asked.
    const yearOfFigures = yearOfClause(entry.best.text, entry.item.date);
    if (answerType && yearsNamed.size > 0 && yearOfFigures !== undefined && !yearsNamed.has(yearOfFigures)) continue;
    // "峡窝镇自己储备了多少吨青贮饲料" against another unit's "全区储备青贮饲料1.26万吨": the district's figure, not the town's.
    if (answerType && result.filters.unitsRelaxed && districtFigureFor(entry.best.text, understanding.units)) continue;
    // "前三季度新增担保金额" against "1—10月，…担保金额4.26亿元": a figure of other months.
    if (answerType && period && opensOnOtherMonths(entry.best.text, period)) continue;
    // Several things asked: the first one's item is less about the whole question than another part's item.
    if (answerType && units.length < 2 && partsAsked.length < 2 && offTopic(entry)) continue;
    // "给教室装空调了没": a passage on the rest of it (校舍维修, 教室) without the thing asked about says nothing either way.
    // "开工了没" against "计划4月开工": a plan says nothing of whether it happened.
    // "整改完了没" against "当场整改171处": a count of what was done does not say all of it was.
    // "美协去年暑假那个少儿画画班收不收钱": in the report of the unit named, a clause saying what it costs ("课堂免费")
    // answers, whatever the question calls the thing.
    const feeStated = feeAsked && index === 0 && understanding.units.length > 0 && FEE_STATE.test(entry.best.text) && entry.item.units.some((unit) => understanding.units.includes(unit));
    const said = feeStated || reading.namesKeyTerms(passage(entry)) && !(claim?.existence && (onlyPlanned(entry.best.text, entry.terms, understanding.text) || !reading.namesLastWord(passage(entry)))) && !(claim?.completion && !saysDone(entry.best.text, entry.terms, understanding.text));
    // Said, the clause is on the topic with its headline ("此次降雨过程…未发生人员伤亡" under "全力应对“7·31”强降雨").
    const onTopic = !yesNo || feeStated ? 1 : said ? Math.max(yesNoTopic(entry.best), entry.best.topic) : Math.min(yesNoTopic(entry.best), YES_NO_MINIMUM - 0.01);
    if (onTopic < YES_NO_MINIMUM) {
      // "收费涨没涨": a clause that names no price or fee is nothing related to whether it rose;
      // "要不要门票": nor is one that says nothing of what it costs.
      if (index === 0 && onTopic >= YES_NO_RELATED && !(priceChange && !PRICED.test(entry.best.text)) && !(feeAsked && !FEE_STATE.test(entry.best.text))) yesNoRelated = { item: entry.item, clause: entry.best };
      continue;
    }
    // "银龄餐桌": an item that says none of the question's words, only thesaurus words for them ("老年助餐点"),
    // does not stand beside one that says them.
    const byThesaurusOnly = chosen.length > 0 && literalShare(entry) === 0 && literalShare(entryOf(chosen[0]!.item)) > 0;
    if (chosen.length === 0 || newUnit || (!byThesaurusOnly && entry.best.score > 0.3 && entry.best.score >= topScore * 0.8)) {
      chosen.push({ item: entry.item, clause: entry.best });
      for (const unit of entry.item.units) covered.add(unit);
    }
  }
  const cite = (items: readonly StoredItem[]) =>
    items.map((item, index) => toCitation({ item, n: index + 1, score: found.find((entry) => entry.item.id === item.id)?.hit.score ?? 0, links }));
  // "银龄餐桌": a question that only names what an item's headline is about asks for its gist, the item's
  // first clauses with figures, not whichever clause repeats a word of the headline.
  const gist = !answerType && !yesNo && chosen.length === 1 ? gistOf(entryOf(chosen[0]!.item), retrieval.termWeight, result.synonyms) : [];
  if (gist.length > 0) chosen.splice(0, 1, ...gist.map((clause) => ({ item: chosen[0]!.item, clause })));
  // "铝城夜市客流": the clause naming the thing may not give what was asked about it; the item's clause with the rest follows.
  else if (!answerType && !yesNo && chosen.length > 0) {
    const first = entryOf(chosen[0]!.item);
    const rest = complementClause({ chosen: chosen[0]!.clause, clauses: first.clauses, terms: first.terms, title: first.item.title, weight: retrieval.termWeight });
    if (rest) chosen.splice(1, 0, { item: first.item, clause: rest });
  }
  // "土地收储进度": how far it has got, which the item's first figure of what is done says ("截至4月28日，已完成收储312亩").
  if (!answerType && !yesNo && chosen.length > 0 && PROGRESS_ASKED.test(understanding.text) && !chosen.some((entry) => PROGRESS_SAID.test(entry.clause.text))) {
    const first = entryOf(chosen[0]!.item);
    const progress = [...first.clauses].sort((left, right) => left.position - right.position).find((clause) => /\d/.test(clause.text) && PROGRESS_SAID.test(clause.text) && !onlyPlans(clause.text));
    if (progress) chosen.splice(0, 0, { item: first.item, clause: progress });
  }
  if (answerType && !yesNo && units.length < 2 && chosen.length > 0) {
    const first = entryOf(chosen[0]!.item);
    chosen.push(...answerEachThingAsked({
      thingsAsked, first: first.item, others: picked.filter((entry) => entry !== first).map((entry) => entry.item), understanding,
      tokenize: retrieval.tokenize, termWeight: retrieval.termWeight, context, synonyms: result.synonyms, askedYears, quoted: chosen,
    }));
    chosen.push(...answerEachPeriod({ periods: understanding.periods ?? [], candidates: picked, quoted: chosen }));
  }
  const confirmed = chosen.length > 0;
  if (!confirmed && yesNoRelated) chosen.push(yesNoRelated);
  if (chosen.length === 0) {
    const top = found[0];
    if (answerType && top) return { kind: "near-miss", topic: top.item, related: cite(found.map((entry) => entry.item)), answerType };
    return { kind: "answer", answer: "", citations: [], related: [] };
  }
  // Several units, or several periods: in the order the question names them.
  if (units.length > 1) {
    const mentions = mentionsInOrder(understanding);
    chosen.sort((left, right) => mentionedAt(mentions, left.item) - mentionedAt(mentions, right.item));
  } else if (understanding.periods) {
    const periods = understanding.periods;
    const namedAt = (entry: (typeof chosen)[number]) => periods.find((period) => answersFor(entry, period))?.start ?? Number.MAX_SAFE_INTEGER;
    chosen.sort((left, right) => namedAt(left) - namedAt(right));
  }
  const quoted = [...new Map(chosen.map(({ item }) => [item.id, item])).values()];
  const citations = cite(quoted);
  const related = cite(found.map((entry) => entry.item).filter((item) => !quoted.includes(item)));
  const answer = quoted
    .map((item, index) => {
      // In the item's own order: a complementing clause may come before the chosen one.
      const clauses = chosen.filter((entry) => entry.item.id === item.id).sort((left, right) => left.clause.position - right.clause.position).map((entry) => tidy(resolveRelativeTimes({ text: entry.clause.text, date: item.date })));
      return `${attribution(item)}${clauses.join("；")}。[${index + 1}]`;
    })
    .join("\n");
  // "有。" confirms that something happened; a checked value ("破400了没") is for the reader to compare,
  // and so is a passage on the topic that does not say it in so many words.
  // "有没有出过重大动物疫情" against "未发生区域性重大动物疫情": the passage says no.
  const denied = confirmed && chosen.every((entry) => denies(entry.clause.text, entryOf(entry.item).terms, understanding.text) || (priceChange && PRICE_KEPT.test(entry.clause.text)));
  // "暖气费涨没涨" against "价格保持不变": it did not rise; a rise or fall said is for the reader.
  // What it costs is quoted as the report says it, with no yes or no put before it.
  // "处置完了没", "都干完了吗": what says it is all done answers "已完成。", not "有。".
  const lead = !confirmed ? "简报中没有直接这样写，相关的记载是：" : feeAsked ? "" : claim?.existence && !claim.value ? (denied ? "没有。" : priceChange ? "" : claim.completion ? "已完成。" : "有。") : priceChange && denied ? "没有。" : "";
  return { kind: "answer", answer: `${lead}${answer}`, citations, related };
}

const WHOLE_DISTRICT = /全区|全市|全县/;

/** The clause gives the whole district's figure and names none of the towns or streets asked. */
function districtFigureFor(clause: string, units: readonly string[]): boolean {
  const places = units.map(placeName).filter((place): place is string => place !== undefined);
  return places.length > 0 && WHOLE_DISTRICT.test(clause) && !places.some((place) => clause.includes(place));
}

/** "进度", "进展到哪了": how far something planned has got. */
const PROGRESS_ASKED = /进度|进展|到哪一?步|做到哪|弄到哪|干到哪|完成情况|完成得怎么样/;
/** Where the question first names one of the item's units; items of units it does not name come last. */
function mentionedAt(mentions: ReturnType<typeof mentionsInOrder>, item: StoredItem): number {
  return mentions.find((mention) => item.units.includes(mention.unit))?.start ?? Number.MAX_SAFE_INTEGER;
}

/** "据第64期（2025-11-27）区公安局报送：" — who said it, and where. */
export function attribution(item: StoredItem): string {
  const issue = item.issue === null ? `《${item.source.replace(/\.[a-z0-9]+$/i, "")}》` : issueNumberLabel({ issue: item.issue, edition: item.edition });
  const date = item.date ? `（${item.date}）` : "";
  const unit = item.units.length > 0 ? `${item.units.join("、")}报送` : "";
  return `据${issue}${date}${unit}：`;
}

/** The near-miss reply: the topic is in the bulletins, the asked value is not. */
export function nearMissAnswer(options: { topic: StoredItem; answerType: AnswerType }): string {
  const { topic, answerType } = options;
  const where = topic.issue === null ? topic.source : `${issueNumberLabel({ issue: topic.issue, edition: topic.edition })}${topic.date ? `（${topic.date}）` : ""}`;
  return `简报提到了“${displayTitle(topic)}”（${where}${topic.units.length > 0 ? `，${topic.units.join("、")}` : ""}），但没有写明所问的${answerType.label}。为免误导，这里${NUMERIC_KINDS.has(answerType.kind) ? "不给出数字" : "不作推测"}；相关信息列在下面，可点开原文核对。`;
}

function bestClause(clauses: readonly ScoredClause[], answerType: AnswerType | undefined): ScoredClause | undefined {
  if (!answerType) return clauses[0];
  return clauses.find((clause) => clause.typed) ?? clauses[0];
}

/** A clause's score without the bonus for carrying the asked type of value. */
function topicOf(clause: ScoredClause): number {
  return clause.score - clause.typeBonus;
}

function tidy(clause: string): string {
  return clause.replace(/^(?:[一二三四五六七八九十]是|其[一二三四五六]是)[，,]?/, "").replace(/[。；;，,：:]+$/, "");
}
