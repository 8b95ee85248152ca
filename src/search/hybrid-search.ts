import type { Logger } from "../log.js";
import type { Embedder } from "../models/embedder.js";
import { feeStateWords } from "../query/fee-question.js";
import { EMPTY_THESAURUS, type Thesaurus } from "../query/thesaurus.js";
import { createHomophones } from "./homophones.js";
import { findIssue, type QueryUnderstanding } from "../query/understand-query.js";
import { askedParts } from "../query/answer-type.js";
import { isYesNoQuestion } from "../query/yes-no-claim.js";
import { namedInEveryPart, unitParts } from "../query/unit-parts.js";
import { judgeAnswerability, type AnswerabilityParameters, type Evidence } from "./answerability.js";
import { chunkCriteria } from "./chunk-criteria.js";
import { contractions } from "./contractions.js";
import { queryWords } from "./query-words.js";
import { joinSingleCharacterRuns } from "./single-character-runs.js";
import type { ChunkCriteria } from "./chunk-facts.js";
import { announcedWindow, inMonthsOfAnyYear, reportWindow } from "../query/period-reports.js";
import { fuseRanks } from "./rank-fusion.js";
import { buildFilter, onPeriod, reportedAround, type AppliedFilters } from "./search-filters.js";
import { bigramCoverage, characterCoverage, inverseDocumentFrequency, termCoverage } from "./relevance.js";
import type { ChunkInfo, SearchIndex } from "./search-index.js";
import { foldIntoItems, itemsOfChunks, type SearchHit } from "./fold-into-items.js";

export type { SearchHit } from "./fold-into-items.js";

export type SearchMode = "hybrid" | "lexical" | "vector";

/** What one search is asked: the question understood, how many items, which channels. */
type SearchRequest = { understanding: QueryUnderstanding; k: number; mode?: SearchMode };

const YES_NO_FORM = /^(?:是不是|不是|是否|有没有|没有|有无|能不能|不能|可不可以)$/;

export interface SearchResult {
  hits: SearchHit[];
  filters: AppliedFilters;
  /** False when the evidence as a whole says the bulletins do not cover the question. */
  relevant: boolean;
  queryTerms: string[];
  /** The thesaurus words and contractions searched for a query term, with the weight a match by one counts for. */
  synonyms?: { of: Readonly<Record<string, readonly string[]>>; weight: number };
  /** What the decision was taken on, for evaluation and logs. */
  evidence?: Evidence;
}

/** Tunable ranking and answerability parameters; calibrated on test/fixtures/eval/tune.jsonl (see docs/evaluation.md). */
export interface SearchParameters extends AnswerabilityParameters {
  candidates: number;
  /** Multiplier for hits inside a fuzzy (boost-only) period or naming a unit that was not used as a filter. */
  boost: number;
  /** Weight of the synonym list (thesaurus expansion) in rank fusion, and of a synonym match in coverage. */
  synonymWeight: number;
  /** The items kept are ordered by rank score × (coverageBase + coverage): of two close items, the one with more of the question's words first. */
  coverageBase: number;
}

export const DEFAULT_SEARCH_PARAMETERS: SearchParameters = {
  candidates: 60,
  minimumCoverage: 0.4,
  minimumAgreedCoverage: 0.34,
  minimumBigramCoverage: 0.6,
  isolatedItems: 8,
  minimumIsolatedCoverage: 0.2,
  keepRatio: 0.6,
  boost: 1.5,
  synonymWeight: 0.6,
  coverageBase: 1,
};

/** Default bound on embedding a question (EMBEDDING_QUERY_TIMEOUT_MS). */
export const DEFAULT_QUERY_TIMEOUT_MS = 5_000;

/** Filters whose chunks are kept between questions (a unit's 19,000 chunk ids are ~1 MB). */
const ALLOWED_CACHE_SIZE = 16;

/** At most this many items answer a question that is only filters ("第55期矿山街道和中心路街道报了什么"). */
const LISTING_LIMIT = 20;

/** How many of the best lexical matches are looked through for a corrected word beside the question's others. */
const COOCCURRENCE_DEPTH = 50;

/**
 * Hybrid retrieval: BM25 over jieba terms and nearest neighbours over embeddings, fused by
 * reciprocal rank, with explicit units/periods/issues as filters and fuzzy periods as boosts.
 * Passages are folded into their items; ties go to the more recent issue. When the question
 * cannot be embedded within `queryTimeoutMs` (endpoint down or hung), it is searched by keyword
 * only and the failure goes to the log, never to the person asking.
 */
export function createSearcher(options: {
  index: SearchIndex;
  parameters?: Partial<SearchParameters>;
  /** Embeds questions; default the index's embedder. */
  queryEmbedder?: Embedder;
  queryTimeoutMs?: number | undefined;
  logger?: Logger;
  /** Expands the question's words with their synonyms, at a lower weight. */
  thesaurus?: Thesaurus;
}) {
  const { index, logger } = options;
  const thesaurus = options.thesaurus ?? EMPTY_THESAURUS;
  // Some item among the best matches of the words has `word` and another of them.
  const together = (word: string, others: readonly string[]) =>
    index.lexical.search({ query: [word, ...others], k: COOCCURRENCE_DEPTH }).some((hit) => hit.matchedTerms.includes(word) && hit.matchedTerms.length > 1);
  // A phrase of several search words, as some report writes it: among the best matches of its words.
  const written = (phrase: string) => {
    const words = index.tokenizer.tokenize(phrase);
    if (words.length <= 1) return index.lexical.documentFrequency(phrase) > 0;
    return index.lexical.search({ query: words, k: COOCCURRENCE_DEPTH }).some((hit) => {
      const chunk = index.chunk(hit.id);
      return chunk !== undefined && `${chunk.title}${chunk.text}`.includes(phrase);
    });
  };
  const homophones = createHomophones({ vocabulary: (start) => index.lexical.vocabulary(start), known: (word) => index.lexical.documentFrequency(word) > 0 });
  const parameters: SearchParameters = { ...DEFAULT_SEARCH_PARAMETERS, ...options.parameters };
  const queryTimeoutMs = options.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;

  const allowedCache = new Map<string, { generation: number; allowed: { ids: Set<number>; items: number } }>();

  async function embedQuestion(text: string): Promise<number[] | undefined> {
    const embedder = options.queryEmbedder ?? index.embedder;
    try {
      const [vector] = await embedder.embed({ texts: [text], signal: AbortSignal.timeout(queryTimeoutMs) });
      return vector && vector.some((value) => value !== 0) ? vector : undefined;
    } catch (error) {
      logger?.warn({ err: error, embedder: `${embedder.provider}/${embedder.model}` }, "question embedding failed; searching by keyword only");
      return undefined;
    }
  }

  async function search(request: SearchRequest): Promise<SearchResult> {
    let vector: Promise<number[] | undefined> | undefined;
    // Embedded at most once per question, and only when there are vectors to compare with.
    const questionVector = () => (vector ??= embedQuestion(request.understanding.text));
    const result = await relaxUnits(request, questionVector, await relaxIssue(request, questionVector, await searchOnce(request, questionVector)));
    const period = request.understanding.period;
    if (result.relevant && period?.explicit) return withPeriodsReportedLater(request, questionVector, result);
    if (result.relevant || !period?.explicit || result.queryTerms.length === 0) return result;
    // An item may report a figure for a year other than its issue's ("2023年林果产值" in a 2024 issue),
    // and a report on a period comes out after it ("一季度" in a May issue): retry without the period
    // filter, keeping items whose text names that year or whose issue came out just around the period.
    // A day named is often the day of an event ("23年7月4号那场大暴雨"), reported in a later issue: it goes too.
    const { relaxed, hits } = await reportedAroundPeriods(request, questionVector, [period]);
    return hits.length > 0 ? { ...relaxed, hits, filters: { ...relaxed.filters, period, periodRelaxed: true } } : result;
  }

  /** The search without its period (nor its day) as a filter, and the hits of it reported around one of `periods`. */
  async function reportedAroundPeriods(request: SearchRequest, questionVector: () => Promise<number[] | undefined>, periods: readonly { from: string; to: string }[]): Promise<{ relaxed: SearchResult; hits: SearchHit[] }> {
    const { date: _day, ...undated } = request.understanding;
    const relaxed = await searchOnce({ ...request, understanding: { ...undated, period: { ...request.understanding.period!, explicit: false } } }, questionVector);
    const reports = periods.map((period) => reportedAround(period));
    const hits = relaxed.hits.filter((hit) => hit.chunkIds.some((id) => {
      const chunk = index.chunk(id);
      return chunk !== undefined && reports.some((reportsOn) => reportsOn(chunk));
    }));
    return { relaxed, hits };
  }

  /**
   * "全区托位23年8月底和去年8月底分别有多少个": a period named apart that no hit falls in is reported after it
   * ("截至8月底…" in a September issue); the items reported around it join the others.
   */
  async function withPeriodsReportedLater(request: SearchRequest, questionVector: () => Promise<number[] | undefined>, result: SearchResult): Promise<SearchResult> {
    const named = request.understanding.periods ?? [];
    const missing = named.filter((period) => !result.hits.some((hit) => hit.date !== null && hit.date >= period.from && hit.date <= period.to));
    if (named.length < 2 || missing.length === 0) return result;
    const { hits } = await reportedAroundPeriods(request, questionVector, missing);
    const known = new Set(result.hits.map((hit) => hit.itemId));
    const extra = hits.filter((hit) => !known.has(hit.itemId));
    return extra.length > 0 ? { ...result, hits: [...result.hits, ...extra] } : result;
  }

  /**
   * "研学营第一期招了几个学员": an issue the bulletins do not have is no issue; "第一期" is a session of
   * something else, searched as words.
   */
  async function relaxIssue(
    request: SearchRequest,
    questionVector: () => Promise<number[] | undefined>,
    result: SearchResult,
  ): Promise<SearchResult> {
    const { issue, ...understanding } = request.understanding;
    const named = findIssue(understanding.text)?.span;
    if (result.relevant || !issue || !named) return result;
    // The issue in the year or period asked ("22年…第一期"), whatever the unit.
    const period = understanding.period?.explicit ? { from: understanding.period.from, to: understanding.period.to } : {};
    if (index.findChunks({ issue: issue.number, ...(issue.year !== undefined ? { year: issue.year } : {}), ...period }).length > 0) return result;
    const relaxed = await searchOnce({ ...request, understanding: { ...understanding, keywords: `${understanding.keywords} ${understanding.text.slice(named.start, named.end)}` } }, questionVector);
    return relaxed.relevant ? relaxed : result;
  }

  /**
   * A unit may be what another unit reports on ("市场监管局哪个科管小微企业党建" is answered by the 编办's report
   * on the 市场监管局's sections): when the named units' own items do not answer, the question is searched
   * without them, their names as words, keeping items whose text names them.
   */
  async function relaxUnits(
    request: SearchRequest,
    questionVector: () => Promise<number[] | undefined>,
    result: SearchResult,
  ): Promise<SearchResult> {
    const { understanding } = request;
    if (result.relevant || understanding.units.length === 0 || result.queryTerms.length === 0) return result;
    const names = [...new Set([...understanding.units, ...understanding.unitMentions.map((mention) => mention.alias)])];
    const unnamed = { ...understanding, units: [], unitMentions: [], hintedUnits: [], keywords: `${understanding.keywords} ${names.join(" ")}` };
    const relaxed = await searchOnce({ ...request, understanding: unnamed, namesAsWords: names }, questionVector);
    const hits = relaxed.hits.filter((hit) => hit.chunkIds.some((id) => {
      const chunk = index.chunk(id);
      return chunk !== undefined && names.some((name) => chunk.text.includes(name) || chunk.title.includes(name));
    }));
    return relaxed.relevant && hits.length > 0 ? { ...relaxed, hits, filters: { ...relaxed.filters, units: [...understanding.units], unitsRelaxed: true } } : result;
  }

  async function searchOnce(
    /** `namesAsWords`: unit names searched as words (relaxUnits); the thesaurus adds nothing for them. */
    request: SearchRequest & { namesAsWords?: readonly string[] },
    questionVector: () => Promise<number[] | undefined>,
  ): Promise<SearchResult> {
    const { k } = request;
    // "清单扩到几项了 一网统管上了几个场景": the things asked, each with its own words.
    const asked = askedParts(request.understanding.text);
    const named = namedInEveryPart(request.understanding, asked);
    // Units a question names filter; units it only hints at join them, or they would be filtered out.
    const hinted = new Set((named.hintedUnits ?? []).map((mention) => mention.unit));
    const understanding = named.units.length > 0 && hinted.size > 0
      ? { ...named, units: [...new Set([...named.units, ...hinted])] }
      : named;
    const mode = request.mode ?? "hybrid";
    const { filter, applied } = buildFilter(understanding);
    const queryText = understanding.keywords.trim();
    const known = (word: string) => index.lexical.documentFrequency(word) > 0;
    // The keywords are the question's phrases left after its unit, period and question words, apart: a word
    // is not cut across two of them ("水利设 河长 林长" is not 设河 / 长林长).
    const queryTerms = queryWords({ text: queryText, tokenize: (text) => index.tokenizer.tokenize(text), known, dictionaryParts: index.tokenizer.dictionaryParts, thesaurus, homophones, together, written, names: request.namesAsWords });
    // A question that only names a unit/period/issue ("2023年8月工业路街道报了什么") lists what matches.
    if (queryTerms.length === 0) {
      const allowed = filter ? index.findChunks(chunkCriteria(understanding) ?? {}).filter(filter) : undefined;
      if (!allowed) return { hits: [], filters: applied, relevant: false, queryTerms };
      const listed = allowed.sort((left, right) => (right.date ?? "").localeCompare(left.date ?? "") || left.itemId - right.itemId);
      // Nothing but filters: every item they leave, newest first (an overview, not a top-k).
      return { hits: foldIntoItems(listed.map((chunk, rank) => ({ chunk, score: 1 / (rank + 1), matched: [] }))).slice(0, Math.max(k, LISTING_LIMIT)), filters: applied, relevant: listed.length > 0, queryTerms };
    }

    // Filters before vectors: the index narrows the chunks by their unit, date and issue in memory, the filter decides among those.
    const allowed = filter ? allowedByFilters(understanding, filter) : undefined;
    const allowedIds = allowed?.ids;
    // Unfiltered, an index that missed a deletion may return deleted chunks: fetch more, drop them, keep the first.
    const fetched = allowedIds || !index.isStale() ? parameters.candidates : 2 * parameters.candidates;

    let lexicalHits = mode === "vector" ? [] : index.lexical.search({ query: queryTerms, k: fetched, ...(allowedIds ? { among: allowedIds } : {}) });
    // Synonyms of the question's words ("上门" -> "入户") form a third, lighter list.
    // ... and so do contractions the bulletins use ("雨水污水" -> "雨污").
    const contracted = contractions({ text: queryText, terms: queryTerms, known });
    const synonymsOf = new Map(queryTerms.map((term) => [term, [...thesaurus.synonyms(term), ...(contracted.get(term) ?? []), ...feeStateWords(understanding.text, term)]] as const));
    const expansion = [...new Set([...synonymsOf.values()].flat().flatMap((synonym) => index.tokenizer.tokenize(synonym)))].filter((term) => !queryTerms.includes(term));
    let synonymHits = mode === "vector" || expansion.length === 0 ? [] : index.lexical.search({ query: expansion, k: fetched, ...(allowedIds ? { among: allowedIds } : {}) });
    let vectorIds: number[] = [];
    if (mode !== "lexical" && index.vectors.size() > 0) {
      const vector = await questionVector();
      if (vector) vectorIds = index.vectors.search({ vector, k: fetched, ...(allowedIds ? { among: allowedIds } : {}) }).map((hit) => hit.id);
    }
    const chunkById = index.chunksById([...lexicalHits.map((hit) => hit.id), ...vectorIds, ...synonymHits.map((hit) => hit.id)]);
    lexicalHits = lexicalHits.filter((hit) => chunkById.has(hit.id)).slice(0, parameters.candidates);
    synonymHits = synonymHits.filter((hit) => chunkById.has(hit.id)).slice(0, parameters.candidates);
    vectorIds = vectorIds.filter((id) => chunkById.has(id)).slice(0, parameters.candidates);
    const fused = fuseRanks({ lists: [lexicalHits.map((hit) => hit.id), vectorIds, synonymHits.map((hit) => hit.id)], weights: [1, 1, parameters.synonymWeight] });
    const matchedByChunk = new Map(lexicalHits.map((hit) => [hit.id, hit.matchedTerms]));
    const fuzzyPeriod = understanding.period && !understanding.period.explicit ? understanding.period : undefined;

    const scored = [...fused].flatMap(([id, score]) => {
      const chunk = chunkById.get(id);
      if (!chunk) return [];
      let boosted = score;
      if (fuzzyPeriod && (onPeriod(chunk, fuzzyPeriod) || inMonthsOfAnyYear(chunk.date, fuzzyPeriod))) boosted *= parameters.boost;
      if (chunk.units.some((unit) => hinted.has(unit))) boosted *= parameters.boost;
      return [{ chunk, score: boosted, matched: matchedByChunk.get(id) ?? [] }];
    });
    const hits = foldIntoItems(scored);

    const documents = Math.max(1, index.lexical.size());
    const idf = (term: string) => inverseDocumentFrequency({ documentFrequency: index.lexical.documentFrequency(term), documents });
    // The most telling word the bulletins use at all: a word no bulletin has ("孩子们") only says the wording differs.
    const keyTerm = queryTerms
      .filter((term) => [...term].length > 1 && index.lexical.documentFrequency(term) > 0)
      .sort((left, right) => idf(right) - idf(left))[0];
    // "年假" cut into 年 / 假: the passage must have the word.
    // "是不是", "有没有" only make it a yes/no question: no passage is about them.
    const yesNo = isYesNoQuestion(understanding.text);
    const coverageTerms = joinSingleCharacterRuns({ text: queryText, terms: queryTerms }).filter((term) => !(yesNo && YES_NO_FORM.test(term)));
    // Units named or hinted: each keeps its own best item.
    const units = [...new Set([...understanding.units, ...hinted])];
    // "人社发的培训补贴和审计查出的违规金额": each unit's item is judged on its own part of the question too.
    const parts = units.length > 1 ? unitParts({ understanding, tokenize: (text) => index.tokenizer.tokenize(text), terms: coverageTerms }) : undefined;
    // Each thing asked may be answered by its own item.
    const askedTerms = asked.length > 1 ? asked.map((part) => coverageTerms.filter((term) => part.text.includes(term))).filter((terms) => terms.length > 0) : [];
    for (const hit of hits) {
      const text = hit.chunkIds.map((id) => { const chunk = chunkById.get(id)!; return `${chunk.units.join("")}${chunk.title}${chunk.text}`; }).join("");
      const matched = new Set(hit.matchedTerms);
      const bySynonym = new Set<string>();
      for (const term of coverageTerms) {
        if (text.includes(term)) matched.add(term);
        else if ((synonymsOf.get(term) ?? []).some((synonym) => text.includes(synonym))) bySynonym.add(term);
      }
      hit.matchedTerms = [...matched];
      hit.coverage = termCoverage({ queryTerms: coverageTerms, matchedTerms: matched, partlyMatched: bySynonym, partWeight: parameters.synonymWeight, idf });
      const part = parts && hit.units.map((unit) => parts.get(unit)).find((entry) => entry !== undefined && entry.terms.length > 0);
      if (part) hit.partCoverage = termCoverage({ queryTerms: part.terms, matchedTerms: matched, partlyMatched: bySynonym, partWeight: parameters.synonymWeight, idf });
      if (askedTerms.length > 0) hit.askedPartCoverage = Math.max(...askedTerms.map((terms) => termCoverage({ queryTerms: terms, matchedTerms: matched, partlyMatched: bySynonym, partWeight: parameters.synonymWeight, idf })));
      hit.bigrams = bigramCoverage({ query: queryText, text });
      hit.characters = characterCoverage({ query: queryText, text });
      hit.missesKeyTerm = keyTerm !== undefined && !matched.has(keyTerm) && !bySynonym.has(keyTerm);
    }
    // A period alone selects a year of reports; units or an issue narrow them to a handful.
    const filteredItems = allowed && (understanding.units.length > 0 || understanding.issue || understanding.date) ? allowed.items : undefined;
    const judged = judgeAnswerability({
      hits,
      parameters,
      units,
      filteredItems,
      lexicalTop: itemsOfChunks(lexicalHits.map((hit) => hit.id), chunkById, 3),
      vectorTop: itemsOfChunks(vectorIds, chunkById, 3),
      severalParts: asked.length > 1,
      ...(understanding.periods ? { periods: understanding.periods } : {}),
    });
    const ordered = [...judged.kept].sort((left, right) => right.score * (parameters.coverageBase + right.coverage) - left.score * (parameters.coverageBase + left.coverage));
    // The question's thesaurus words that are no search term of their own ("保租房", cut 保 / 租房) still say
    // what the passage may call the thing counted or paid ("多少套保租房" against "保障性租赁住房600套").
    const spoken = thesaurus.wordsIn(queryText).filter((word) => !synonymsOf.has(word)).map((word) => [word, thesaurus.synonyms(word)] as const);
    const synonyms = { of: Object.fromEntries([...synonymsOf, ...spoken].filter(([, words]) => words.length > 0)), weight: parameters.synonymWeight };
    return { hits: ordered.slice(0, Math.max(k, units.length)), filters: applied, relevant: judged.relevant, queryTerms, synonyms, evidence: judged.evidence };
  }

  /**
   * The chunk ids a question's hard filters allow, and how many items they belong to. The chunk facts
   * decide unit, date and issue exactly for chunks that name units; a chunk naming none (a newspaper
   * article) passes a unit filter when its text names the unit, which `filter` reads.
   */
  function allowedByFilters(understanding: QueryUnderstanding, filter: (chunk: ChunkInfo) => boolean): { ids: Set<number>; items: number } {
    const criteria = chunkCriteria(understanding) ?? {};
    // The same unit, period or issue is asked about again and again: its chunks are kept until the index changes.
    const key = JSON.stringify([criteria, understanding.unitMentions.map((mention) => mention.alias)]);
    const cached = allowedCache.get(key);
    if (cached && cached.generation === index.generation) {
      allowedCache.delete(key);
      allowedCache.set(key, cached);
      return cached.allowed;
    }
    const allowed = findAllowed(understanding, criteria, filter);
    allowedCache.set(key, { generation: index.generation, allowed });
    if (allowedCache.size > ALLOWED_CACHE_SIZE) allowedCache.delete(allowedCache.keys().next().value!);
    return allowed;
  }

  function findAllowed(understanding: QueryUnderstanding, criteria: ChunkCriteria, filter: (chunk: ChunkInfo) => boolean): { ids: Set<number>; items: number } {
    const found = index.findChunkIds(criteria);
    const ids = new Set<number>();
    const items = new Set<number>();
    const unitless: number[] = [];
    const checkText = understanding.units.length > 0;
    found.ids.forEach((id, position) => {
      if (checkText && found.unitless[position]) unitless.push(id);
      else {
        ids.add(id);
        items.add(found.itemIds[position]!);
      }
    });
    // Reports on the period from just after it: the chunks of those days that name it.
    const period = understanding.period?.explicit ? understanding.period : undefined;
    const window = period && reportWindow(period);
    const announced = period && announcedWindow(period);
    const late = [...(window ? index.findChunkIds({ ...criteria, ...window }).ids : []), ...(announced ? index.findChunkIds({ ...criteria, from: announced.from, to: announced.to }).ids : [])];
    for (const chunk of index.chunksById([...unitless, ...late]).values()) {
      if (!filter(chunk)) continue;
      ids.add(chunk.id);
      items.add(chunk.itemId);
    }
    return { ids, items: items.size };
  }

  return { search, parameters };
}
