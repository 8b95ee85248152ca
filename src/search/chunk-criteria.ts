import type { QueryUnderstanding } from "../query/understand-query.js";
import type { ChunkCriteria } from "./chunk-facts.js";

/**
 * The SQL side of a question's hard filters: what its units, explicit period, issue and day
 * narrow the chunks to before any scoring. A superset of what the search's filter keeps, which
 * is then applied to these candidates only; undefined when the question has no hard filter.
 */
export function chunkCriteria(understanding: QueryUnderstanding): ChunkCriteria | undefined {
  const criteria: ChunkCriteria = {};
  if (understanding.units.length > 0) criteria.units = understanding.units;
  if (understanding.period?.explicit) {
    criteria.from = understanding.period.from;
    criteria.to = understanding.period.to;
  }
  if (understanding.issue) {
    criteria.issue = understanding.issue.number;
    if (understanding.issue.year !== undefined) criteria.year = understanding.issue.year;
  }
  if (understanding.date) criteria.date = understanding.date;
  return Object.keys(criteria).length > 0 ? criteria : undefined;
}
