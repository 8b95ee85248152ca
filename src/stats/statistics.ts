import type Database from "better-sqlite3";

/** An inclusive ISO date range; an open end means "from the first" / "to the latest" issue. */
export interface DateRange {
  from?: string | undefined;
  to?: string | undefined;
}

/** How a trend is bucketed: "2025-03", "2025-Q1", "2025". */
export type Granularity = "month" | "quarter" | "year";

export type CountedKind = "report" | "brief";

/** What to count: bulletin items (reports and △ briefs) in a range, optionally of some units or kinds. */
export interface TallyQuery extends DateRange {
  /** Only these units (a joint report counts for each unit it names). */
  units?: readonly string[] | undefined;
  kinds?: readonly CountedKind[] | undefined;
}

/** One unit's figures: a joint report is one item for every unit it names. */
export interface UnitTally {
  unit: string;
  items: number;
  reports: number;
  briefs: number;
  /** Items that name other units too (joint reports). */
  joint: number;
  /** Issues the unit's items appeared in. */
  issues: number;
  first: string | null;
  last: string | null;
}

/** Items counted once each, however many units a joint report names. */
export interface Totals {
  items: number;
  reports: number;
  briefs: number;
  joint: number;
  issues: number;
  units: number;
}

export interface TrendPoint {
  /** "2025-03", "2025-Q1" or "2025". */
  bucket: string;
  items: number;
  reports: number;
  briefs: number;
  issues: number;
}

/** One issue a unit's items appeared in, with how many of them. */
export interface UnitIssue {
  unit: string;
  documentId: number;
  year: number | null;
  issue: number | null;
  date: string | null;
  items: number;
}

/** A unit that reported before the range and not in it. */
export interface SilentUnit {
  unit: string;
  /** Its items before the range. */
  itemsBefore: number;
  /** Date of the last issue it appeared in. */
  lastSeen: string | null;
}

/**
 * Counts over the store by SQL (documents, items and their units; no search index). Only
 * bulletin items count: reports and △ briefs; newspaper articles never do.
 */
export interface Statistics {
  /** Per unit, unsorted. */
  unitTallies(query?: TallyQuery): UnitTally[];
  /** Per unit and bucket. */
  unitTrend(query: TallyQuery & { by: Granularity }): (UnitTally & { bucket: string })[];
  totals(query?: TallyQuery): Totals;
  /** Per bucket, only buckets with items, in date order. */
  trend(query: TallyQuery & { by: Granularity }): TrendPoint[];
  /** Which issues each unit appeared in, in date order. */
  unitIssues(query?: TallyQuery): UnitIssue[];
  /** Units that appeared before `from` and not within the range; [] without `from`. */
  silentUnits(range: DateRange): SilentUnit[];
  /** Earliest and latest issue dates and the years that have issues. */
  coverage(): { first: string | null; last: string | null; years: number[] };
}

const BUCKETS: Record<Granularity, string> = {
  month: "substr(d.date, 1, 7)",
  quarter: "substr(d.date, 1, 4) || '-Q' || ((CAST(substr(d.date, 6, 2) AS INTEGER) + 2) / 3)",
  year: "substr(d.date, 1, 4)",
};

const UNIT_COLUMNS = `j.value AS unit, COUNT(*) AS items, SUM(i.kind = 'report') AS reports, SUM(i.kind = 'brief') AS briefs,
  SUM(json_array_length(i.units) > 1) AS joint, COUNT(DISTINCT i.document_id) AS issues, MIN(d.date) AS first, MAX(d.date) AS last`;

/** The WHERE clause shared by every count, and its parameters in order. */
function filters(query: TallyQuery, options: { perUnit: boolean }): { where: string; parameters: unknown[] } {
  const where = ["d.kind = 'bulletin'"];
  const parameters: unknown[] = [];
  const kinds = query.kinds && query.kinds.length > 0 ? query.kinds : ["report", "brief"];
  where.push(`i.kind IN (${kinds.map(() => "?").join(", ")})`);
  parameters.push(...kinds);
  if (query.from) { where.push("d.date >= ?"); parameters.push(query.from); }
  if (query.to) { where.push("d.date <= ?"); parameters.push(query.to); }
  if (query.units && query.units.length > 0) {
    const list = query.units.map(() => "?").join(", ");
    // Per unit the joined json_each row is the unit; otherwise an item counts once if it names any of them.
    where.push(options.perUnit ? `j.value IN (${list})` : `EXISTS (SELECT 1 FROM json_each(i.units) u WHERE u.value IN (${list}))`);
    parameters.push(...query.units);
  }
  return { where: where.join(" AND "), parameters };
}

/**
 * Statistics over an open bulletin store's database.
 * @example createStatistics({ database: store.database }).unitTallies({ from: "2025-01-01", to: "2025-12-31" })
 */
export function createStatistics(options: { database: Database.Database }): Statistics {
  const { database } = options;
  const cache = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = database.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
  const all = <Row>(sql: string, parameters: unknown[]) => prepare(sql).all(...parameters) as Row[];
  const from = (perUnit: boolean) => `FROM items i JOIN documents d ON d.id = i.document_id${perUnit ? ", json_each(i.units) j" : ""}`;

  return {
    unitTallies: (query = {}) => {
      const { where, parameters } = filters(query, { perUnit: true });
      return all<UnitTally>(`SELECT ${UNIT_COLUMNS} ${from(true)} WHERE ${where} GROUP BY j.value`, parameters);
    },
    unitTrend: (query) => {
      const { where, parameters } = filters(query, { perUnit: true });
      return all<UnitTally & { bucket: string }>(
        `SELECT ${BUCKETS[query.by]} AS bucket, ${UNIT_COLUMNS} ${from(true)} WHERE ${where} AND d.date IS NOT NULL GROUP BY bucket, j.value ORDER BY bucket`,
        parameters,
      );
    },
    totals: (query = {}) => {
      const { where, parameters } = filters(query, { perUnit: false });
      const row = all<Omit<Totals, "units">>(
        `SELECT COUNT(*) AS items, COALESCE(SUM(i.kind = 'report'), 0) AS reports, COALESCE(SUM(i.kind = 'brief'), 0) AS briefs,
          COALESCE(SUM(json_array_length(i.units) > 1), 0) AS joint, COUNT(DISTINCT i.document_id) AS issues ${from(false)} WHERE ${where}`,
        parameters,
      )[0]!;
      const perUnit = filters(query, { perUnit: true });
      const units = all<{ units: number }>(`SELECT COUNT(DISTINCT j.value) AS units ${from(true)} WHERE ${perUnit.where}`, perUnit.parameters)[0]!;
      return { ...row, units: units.units };
    },
    trend: (query) => {
      const { where, parameters } = filters(query, { perUnit: false });
      return all<TrendPoint>(
        `SELECT ${BUCKETS[query.by]} AS bucket, COUNT(*) AS items, SUM(i.kind = 'report') AS reports, SUM(i.kind = 'brief') AS briefs,
          COUNT(DISTINCT i.document_id) AS issues ${from(false)} WHERE ${where} AND d.date IS NOT NULL GROUP BY bucket ORDER BY bucket`,
        parameters,
      );
    },
    unitIssues: (query = {}) => {
      const { where, parameters } = filters(query, { perUnit: true });
      return all<UnitIssue>(
        `SELECT j.value AS unit, d.id AS documentId, d.year, d.issue, d.date, COUNT(*) AS items ${from(true)} WHERE ${where}
          GROUP BY j.value, d.id ORDER BY d.date IS NULL, d.date, d.id`,
        parameters,
      );
    },
    silentUnits: (range) => {
      if (!range.from) return [];
      const before = filters({ to: dayBefore(range.from) }, { perUnit: true });
      const seen = all<{ unit: string; itemsBefore: number; lastSeen: string | null }>(
        `SELECT j.value AS unit, COUNT(*) AS itemsBefore, MAX(d.date) AS lastSeen ${from(true)} WHERE ${before.where} GROUP BY j.value`,
        before.parameters,
      );
      const within = filters(range, { perUnit: true });
      const active = new Set(all<{ unit: string }>(`SELECT DISTINCT j.value AS unit ${from(true)} WHERE ${within.where}`, within.parameters).map((row) => row.unit));
      return seen.filter((entry) => !active.has(entry.unit)).sort((left, right) => (right.lastSeen ?? "").localeCompare(left.lastSeen ?? "") || left.unit.localeCompare(right.unit, "zh-Hans-CN"));
    },
    coverage: () => {
      const row = all<{ first: string | null; last: string | null }>("SELECT MIN(date) AS first, MAX(date) AS last FROM documents WHERE kind = 'bulletin'", [])[0]!;
      const years = all<{ year: number }>("SELECT DISTINCT CAST(substr(date, 1, 4) AS INTEGER) AS year FROM documents WHERE kind = 'bulletin' AND date IS NOT NULL ORDER BY year", []);
      return { first: row.first, last: row.last, years: years.map((entry) => entry.year) };
    },
  };
}

/** "2025-01-01" -> "2024-12-31". */
function dayBefore(date: string): string {
  const moved = new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000);
  return moved.toISOString().slice(0, 10);
}
