import type { Logger } from "../log.js";
import type { Embedder } from "../models/embedder.js";
import type { QueryUnderstanding } from "../query/understand-query.js";
import { chunkCriteria } from "./chunk-criteria.js";
import { fuseRanks } from "./rank-fusion.js";
import { bigramCoverage, inverseDocumentFrequency, termCoverage } from "./relevance.js";
import type { ChunkInfo, SearchIndex } from "./search-index.js";

export type SearchMode = "hybrid" | "lexical" | "vector";

export interface SearchHit {
  itemId: number;
  /** Fused score of the item's best passage (higher is better; comparable within one search). */
  score: number;
  /** Share of the question's weighted terms found in the item, 0..1. */
  coverage: number;
  chunkIds: number[];
  matchedTerms: string[];
}

export interface AppliedFilters {
  units: string[];
  period?: { from: string; to: string; label: string; explicit: boolean };
  issue?: { number: number; year?: number };
  date?: string;
  /** The explicit period found nothing and was applied as a preference instead ("2023年的产值" reported in 2024). */
  periodRelaxed?: boolean;
}

export interface SearchResult {
  hits: SearchHit[];
  filters: AppliedFilters;
  /** False when no hit passes the relevance floor: the bulletins do not cover the question. */
  relevant: boolean;
  queryTerms: string[];
}

/** Tunable ranking parameters; the defaults were set on test/fixtures/questions.jsonl (see README). */
export interface SearchParameters {
  candidates: number;
  /** Minimum weighted term coverage for the top hit to count as an answer. */
  minimumCoverage: number;
  /** The same when the question named a unit and the hit is that unit's: the unit already vouches for half the match. */
  minimumCoverageWithUnit: number;
  /** Minimum character-pair coverage, the fallback when segmentation differs between question and text. */
  minimumBigramCoverage: number;
  /** Multiplier for hits inside a fuzzy (boost-only) period or naming a unit that was not used as a filter. */
  boost: number;
}

export const DEFAULT_SEARCH_PARAMETERS: SearchParameters = {
  candidates: 60,
  minimumCoverage: 0.5,
  minimumCoverageWithUnit: 0.35,
  minimumBigramCoverage: 0.6,
  boost: 1.5,
};

function yearsOf(period: { from: string; to: string }): number[] {
  const years: number[] = [];
  for (let year = Number(period.from.slice(0, 4)); year <= Number(period.to.slice(0, 4)); year += 1) years.push(year);
  return years;
}

function inPeriod(date: string | null, period: { from: string; to: string } | undefined): boolean {
  return period === undefined || (date !== null && date >= period.from && date <= period.to);
}

/** Hard filters from what the question states explicitly: units, an explicit period, an issue, a day. */
function buildFilter(understanding: QueryUnderstanding): { filter: ((chunk: ChunkInfo) => boolean) | undefined; applied: AppliedFilters } {
  const applied: AppliedFilters = { units: understanding.units };
  if (understanding.period) applied.period = understanding.period;
  if (understanding.issue) applied.issue = understanding.issue;
  if (understanding.date) applied.date = understanding.date;
  const units = new Set(understanding.units);
  // Newspaper articles name no unit in an attribution; they pass when their text names the unit.
  const names = [...units, ...understanding.unitMentions.map((mention) => mention.alias)];
  const unitMatches = (chunk: ChunkInfo) =>
    chunk.units.length > 0
      ? chunk.units.some((unit) => units.has(unit))
      : names.some((name) => chunk.text.includes(name) || chunk.title.includes(name));
  const explicitPeriod = understanding.period?.explicit ? understanding.period : undefined;
  const { issue, date } = understanding;
  const active = units.size > 0 || explicitPeriod !== undefined || issue !== undefined || date !== undefined;
  if (!active) return { filter: undefined, applied };
  return {
    applied,
    filter: (chunk) =>
      (units.size === 0 || unitMatches(chunk)) &&
      inPeriod(chunk.date, explicitPeriod) &&
      (issue === undefined || (chunk.issue === issue.number && (issue.year === undefined || chunk.year === issue.year))) &&
      (date === undefined || chunk.date === date),
  };
}

/** Default bound on embedding a question (EMBEDDING_QUERY_TIMEOUT_MS). */
export const DEFAULT_QUERY_TIMEOUT_MS = 5_000;

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
}) {
  const { index, logger } = options;
  const parameters: SearchParameters = { ...DEFAULT_SEARCH_PARAMETERS, ...options.parameters };
  const queryTimeoutMs = options.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;

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

  async function search(request: { understanding: QueryUnderstanding; k: number; mode?: SearchMode }): Promise<SearchResult> {
    let vector: Promise<number[] | undefined> | undefined;
    // Embedded at most once per question, and only when there are vectors to compare with.
    const questionVector = () => (vector ??= embedQuestion(request.understanding.text));
    const result = await searchOnce(request, questionVector);
    const period = request.understanding.period;
    if (result.relevant || !period?.explicit || result.queryTerms.length === 0) return result;
    // An item may report a figure for a year other than its issue's ("2023年林果产值" in a 2024 issue):
    // retry without the period filter, keeping only items whose text names that year.
    const relaxed = await searchOnce({ ...request, understanding: { ...request.understanding, period: { ...period, explicit: false } } }, questionVector);
    const years = yearsOf(period);
    const hits = relaxed.hits.filter((hit) => hit.chunkIds.some((id) => years.some((year) => index.chunk(id)?.text.includes(`${year}年`))));
    return hits.length > 0 ? { ...relaxed, hits, filters: { ...relaxed.filters, period, periodRelaxed: true } } : result;
  }

  async function searchOnce(
    request: { understanding: QueryUnderstanding; k: number; mode?: SearchMode },
    questionVector: () => Promise<number[] | undefined>,
  ): Promise<SearchResult> {
    const { understanding, k } = request;
    const mode = request.mode ?? "hybrid";
    const { filter, applied } = buildFilter(understanding);
    const queryText = understanding.keywords.trim();
    const queryTerms = queryText ? index.tokenizer.tokenize(queryText) : [];
    // Filters before vectors: the index narrows the chunks by their unit, date and issue in memory, the filter decides among those.
    const allowed = filter ? index.findChunks(chunkCriteria(understanding) ?? {}).filter(filter) : undefined;
    const allowedIds = allowed ? new Set(allowed.map((chunk) => chunk.id)) : undefined;
    const chunkFilter = allowedIds ? (id: number) => allowedIds.has(id) : undefined;
    // Unfiltered, an index that missed a deletion may return deleted chunks: fetch more, drop them, keep the first.
    const fetched = chunkFilter || !index.isStale() ? parameters.candidates : 2 * parameters.candidates;

    // A question that only names a unit/period/issue ("2023年8月工业路街道报了什么") lists what matches.
    if (queryTerms.length === 0) {
      if (!allowed) return { hits: [], filters: applied, relevant: false, queryTerms };
      const listed = allowed.sort((left, right) => (right.date ?? "").localeCompare(left.date ?? "") || left.itemId - right.itemId);
      return { hits: foldIntoItems(listed.map((chunk, rank) => ({ chunk, score: 1 / (rank + 1), matched: [] }))).slice(0, k), filters: applied, relevant: listed.length > 0, queryTerms };
    }

    let lexicalHits = mode === "vector" ? [] : index.lexical.search({ query: queryTerms, k: fetched, ...(chunkFilter ? { filter: chunkFilter } : {}) });
    let vectorIds: number[] = [];
    if (mode !== "lexical" && index.vectors.size() > 0) {
      const vector = await questionVector();
      if (vector) vectorIds = index.vectors.search({ vector, k: fetched, ...(allowedIds ? { among: allowedIds } : {}) }).map((hit) => hit.id);
    }
    const chunkById = index.chunksById([...lexicalHits.map((hit) => hit.id), ...vectorIds]);
    lexicalHits = lexicalHits.filter((hit) => chunkById.has(hit.id)).slice(0, parameters.candidates);
    vectorIds = vectorIds.filter((id) => chunkById.has(id)).slice(0, parameters.candidates);
    const fused = fuseRanks({ lists: [lexicalHits.map((hit) => hit.id), vectorIds] });
    const matchedByChunk = new Map(lexicalHits.map((hit) => [hit.id, hit.matchedTerms]));
    const fuzzyPeriod = understanding.period && !understanding.period.explicit ? understanding.period : undefined;

    const scored = [...fused].flatMap(([id, score]) => {
      const chunk = chunkById.get(id);
      if (!chunk) return [];
      let boosted = score;
      if (fuzzyPeriod && inPeriod(chunk.date, fuzzyPeriod)) boosted *= parameters.boost;
      return [{ chunk, score: boosted, matched: matchedByChunk.get(id) ?? [] }];
    });
    const hits = foldIntoItems(scored);

    const documents = Math.max(1, index.lexical.size());
    const idf = (term: string) => inverseDocumentFrequency({ documentFrequency: index.lexical.documentFrequency(term), documents });
    for (const hit of hits) {
      const text = hit.chunkIds.map((id) => { const chunk = chunkById.get(id)!; return `${chunk.units.join("")}${chunk.title}${chunk.text}`; }).join("");
      const matched = new Set(hit.matchedTerms);
      for (const term of queryTerms) if (text.includes(term)) matched.add(term);
      hit.matchedTerms = [...matched];
      hit.coverage = termCoverage({ queryTerms, matchedTerms: matched, idf });
    }
    const unitNamed = understanding.units.length > 0;
    const relevantHits = hits.filter((hit) => isRelevant(hit, queryText, unitNamed));
    return { hits: relevantHits.slice(0, k), filters: applied, relevant: relevantHits.length > 0, queryTerms };
  }

  function isRelevant(hit: SearchHit, queryText: string, unitNamed: boolean): boolean {
    if (hit.coverage >= (unitNamed ? parameters.minimumCoverageWithUnit : parameters.minimumCoverage)) return true;
    const text = hit.chunkIds.map((id) => index.chunk(id)?.text ?? "").join("");
    return bigramCoverage({ query: queryText, text }) >= parameters.minimumBigramCoverage;
  }

  return { search, parameters };
}

/** One hit per item, scored by its best passage; more recent issues win ties. */
function foldIntoItems(scored: readonly { chunk: ChunkInfo; score: number; matched: readonly string[] }[]): SearchHit[] {
  const byItem = new Map<number, SearchHit & { date: string | null }>();
  for (const { chunk, score, matched } of scored) {
    const existing = byItem.get(chunk.itemId);
    if (!existing) {
      byItem.set(chunk.itemId, { itemId: chunk.itemId, score, coverage: 0, chunkIds: [chunk.id], matchedTerms: [...matched], date: chunk.date });
      continue;
    }
    existing.score = Math.max(existing.score, score);
    existing.chunkIds.push(chunk.id);
    existing.matchedTerms = [...new Set([...existing.matchedTerms, ...matched])];
  }
  return [...byItem.values()]
    .sort((left, right) => right.score - left.score || (right.date ?? "").localeCompare(left.date ?? "") || left.itemId - right.itemId)
    .map(({ date: _date, ...hit }) => hit);
}
