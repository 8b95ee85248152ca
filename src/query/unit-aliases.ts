import { readFileSync } from "node:fs";
import { DataFileError } from "../errors.js";
import { soundOf } from "../text/sound-of.js";
import { abbreviationReader } from "./abbreviated-units.js";
import { deriveUnitAliases, type AliasStrength } from "./derive-unit-aliases.js";
import type { UnitMention } from "./unit-mention.js";

export type { UnitMention } from "./unit-mention.js";

export type UnitResolution = { unit: string } | { suggestions: string[] };

export interface UnitMatcher {
  /** Units named in `text`, left to right; longest alias wins, spans never overlap. */
  match(text: string): UnitMention[];
  /**
   * Units a short name only hints at, glued to the next word ("人社春风行动", "应急演练"): too
   * uncertain to filter by, telling enough to prefer. Never overlaps what `match` finds.
   */
  hints(text: string): UnitMention[];
  /**
   * Names typed with one character wrong ("峡沃镇" for 峡窝镇), the kind of unit they end in right:
   * the unit they almost spell, to prefer, never to filter by (a real name may differ by one character).
   */
  misspelled(text: string): UnitMention[];
  /** Names shortened to some characters of each word and the kind ("人影办", "特检所"): like misspellings, to prefer. */
  shortened(text: string): UnitMention[];
  /** A name typed by a person (e.g. `/summary 社工部`) -> its unit, or the closest known names. */
  resolve(name: string): UnitResolution;
  /** Every canonical unit the matcher knows, sorted. */
  units(): string[];
}

interface AliasEntry {
  alias: string;
  units: string[];
  strength: AliasStrength;
}

const STRENGTH_RANK: Record<AliasStrength, number> = { canonical: 3, listed: 2, derived: 1, weak: 0 };

// Characters that may sit right before a weak alias: function words and ends of time/issue phrases.
const WEAK_BEFORE = new Set([..."和与及跟同或给向对问查看把让在是年月期结括理帮请说即里天季底初儿时块边前后节下"]);
// Characters that may follow a weak alias: particles, verbs of reporting, starts of time words.
// 那/这 start "那边/这边" ("人社那边"), 各/分/两/三 start "各报了/分别/两家", 一/总 start "一共/总共".
const WEAK_AFTER = new Set([..."的呢吗在今去前上下本这近最报做有是和与及跟同或、工系部方口开推怎如干都也还等那各分两三说讲搞被给把帮向对为将从一总"]);

/** "退役军人有多少", "残疾人几个": the question for a count right after a bare word, ending the question ("特校一共有多少在校生" counts 在校生). */
const COUNTED_AFTER = /^(?:有|是|共有|一共有?|总共有?)?(?:多少|几)(?:个|名|位|人)?[？?呢啊来着]*\s*$/;

/** "疾控夏天灭了多少处积水", "水利汛前": a season says when, as 今年 does ("人社春风行动" names a programme). */
const SEASON_AFTER = /^(?:[春夏秋冬](?:天|季|节)|开春|入夏|入秋|入冬|汛[前期后]|暑[期假]|寒假|年[初底中末])/;

// A level marker before an alias means another government level's unit (市教育局 is not 区教育局).
const OTHER_LEVEL_BEFORE = new Set([..."市省县国"]);

/**
 * Parses data/dictionary/unit-aliases.txt lines: `canonical: alias1, alias2`, `#` starts a comment.
 * Returns canonical -> aliases in file order.
 */
export function parseUnitAliasLines(lines: readonly string[]): Map<string, string[]> {
  const table = new Map<string, string[]>();
  lines.forEach((raw, index) => {
    const line = raw.replace(/#.*$/, "").trim();
    if (line === "") return;
    const separator = line.search(/[:：]/);
    if (separator <= 0) {
      throw new DataFileError({
        file: "data/dictionary/unit-aliases.txt",
        message: `第 ${index + 1} 行“${raw.trim()}”缺少“单位全称:”`,
        hint: "每行写一个单位，如“区公安局: 公安, 公安局”",
      });
    }
    const canonical = line.slice(0, separator).trim();
    const aliases = line
      .slice(separator + 1)
      .split(/[,，、;；\s]+/)
      .map((alias) => alias.trim())
      .filter((alias) => alias !== "" && alias !== canonical);
    table.set(canonical, [...(table.get(canonical) ?? []), ...aliases]);
  });
  return table;
}

/** Reads an alias dictionary file (unit-aliases.txt, unit-names-en.txt); a missing file is an error because the product ships them. */
export function readUnitAliasLines(options: { path: string }): string[] {
  try {
    return readFileSync(options.path, "utf8").split(/\r?\n/);
  } catch (error) {
    const name = options.path.split(/[\\/]/).pop() ?? options.path;
    throw new DataFileError({
      file: options.path,
      message: "读不到单位名称表",
      hint: `请从代码仓库恢复 data/dictionary/${name}`,
      cause: error,
    });
  }
}

/**
 * Recognises unit names and their aliases in questions.
 * @example createUnitMatcher({ units: ["区委社工部"] }).match("总结社工部的工作")
 *   // [{ unit: "区委社工部", alias: "社工部", start: 2, end: 5 }]
 */
export function createUnitMatcher(options: { units: readonly string[]; aliasLines?: readonly string[]; englishLines?: readonly string[] }): UnitMatcher {
  const listed = onRecordNames(parseUnitAliasLines(options.aliasLines ?? []), options.units);
  // An English name follows its unit to the name on record (区城管局 -> 区城市管理局).
  const recordedName = new Map([...listed].flatMap(([unit, aliases]) => aliases.map((alias) => [alias, unit] as const)));
  const english = parseEnglishUnitNames(options.englishLines ?? []).map(({ name, unit }) => ({ name, unit: listed.has(unit) ? unit : recordedName.get(unit) ?? unit }));
  const known = [...new Set([...options.units.map((unit) => unit.trim()), ...listed.keys()])].filter((unit) => unit !== "");
  known.sort((left, right) => left.localeCompare(right, "zh-Hans-CN"));

  const entries = new Map<string, AliasEntry>();
  const register = (alias: string, unit: string, strength: AliasStrength) => {
    const existing = entries.get(alias);
    if (!existing || STRENGTH_RANK[strength] > STRENGTH_RANK[existing.strength]) {
      entries.set(alias, { alias, units: [unit], strength });
    } else if (existing.strength === strength && !existing.units.includes(unit)) {
      existing.units.push(unit);
    }
  };
  for (const unit of known) register(unit, unit, "canonical");
  // "~消防": a bare word that names the unit only with clean boundaries ("消防在…演练", not "消防安全").
  for (const [unit, aliases] of listed) for (const alias of aliases) register(alias.replace(/^~/, ""), unit, alias.startsWith("~") ? "weak" : "listed");
  for (const unit of known) for (const { alias, strength } of deriveUnitAliases(unit)) register(alias, unit, strength);

  const byFirstCharacter = new Map<string, AliasEntry[]>();
  for (const entry of entries.values()) {
    const first = entry.alias[0] ?? "";
    byFirstCharacter.set(first, [...(byFirstCharacter.get(first) ?? []), entry]);
  }

  // Names long enough, and ending in the kind of unit, that one wrong character still says which unit.
  const typoTolerant = [...entries.values()].filter((entry) => entry.strength !== "weak" && entry.units.length === 1 && entry.alias.length >= 3 && UNIT_KIND_END.test(entry.alias));
  // "公基金": a short name typed by sound (公积金), one character another of the same sound; two characters (检察 for
  // 检查) sound like too many words.
  const bySound = [...entries.values()].filter((entry) => entry.units.length === 1 && entry.alias.length >= 3 && entry.alias.length <= 4 && /^[\u4e00-\u9fff]+$/.test(entry.alias) && !typoTolerant.includes(entry)).map((entry) => ({ entry, sound: soundOf(entry.alias) }));

  // Where some alias of any unit starts and ends in a text: "教育卫健", "公安司法" name two units back to back.
  const aliasEdges = (text: string) => {
    const starts = new Set<number>();
    const ends = new Set<number>();
    for (let start = 0; start < text.length; start += 1) {
      for (const entry of byFirstCharacter.get(text[start] ?? "") ?? []) {
        if (!text.startsWith(entry.alias, start)) continue;
        starts.add(start);
        ends.add(start + entry.alias.length);
      }
    }
    return { starts, ends };
  };

  const acceptable = (text: string, entry: AliasEntry, start: number, edges: ReturnType<typeof aliasEdges>, hint = false): boolean => {
    const end = start + entry.alias.length;
    // Another name may end where this one starts ("人社民政"), unless this one is only a hint, glued on at its end
    // as well ("节水宣传周": 宣传 is no unit between 节水 and 周).
    const before = edges.ends.has(start) && !hint ? undefined : text[start - 1];
    const after = edges.starts.has(end) ? undefined : text[end];
    if (entry.strength !== "canonical" && before && OTHER_LEVEL_BEFORE.has(before)) {
      if (!entry.units.every((unit) => unit.startsWith("市"))) return false;
    }
    if (entry.strength !== "weak") return true;
    // "报名里退役军人有多少": a bare word right before the question for a count is what is counted, not who reports.
    if (COUNTED_AFTER.test(text.slice(end))) return false;
    return boundaryOk(before, WEAK_BEFORE) && (hint || boundaryOk(after, WEAK_AFTER) || SEASON_AFTER.test(text.slice(end)));
  };

  // The alias edges of a text are found once, for naming and hinting alike.
  const matchWith = (text: string, edges: ReturnType<typeof aliasEdges>): UnitMention[] => {
    const found: { entry: AliasEntry; start: number; end: number }[] = [];
    // English names: whole words, any case ("the Education Bureau").
    if (/[A-Za-z]{3}/.test(text)) {
      const lower = text.toLowerCase();
      for (const { name, unit } of english) {
        for (let start = lower.indexOf(name); start >= 0; start = lower.indexOf(name, start + 1)) {
          const end = start + name.length;
          if (/[a-z]/.test(lower[start - 1] ?? "") || /[a-z]/.test(lower[end] ?? "")) continue;
          found.push({ entry: { alias: text.slice(start, end), units: [unit], strength: "listed" }, start, end });
        }
      }
    }
    for (let start = 0; start < text.length; start += 1) {
      for (const entry of byFirstCharacter.get(text[start] ?? "") ?? []) {
        if (text.startsWith(entry.alias, start) && acceptable(text, entry, start, edges)) {
          found.push({ entry, start, end: start + entry.alias.length });
        }
      }
    }
    // Longest first, then leftmost; a chosen span blocks every overlapping one.
    found.sort((left, right) => right.end - right.start - (left.end - left.start) || left.start - right.start);
    const chosen: typeof found = [];
    for (const candidate of found) {
      if (chosen.every((taken) => candidate.end <= taken.start || candidate.start >= taken.end)) chosen.push(candidate);
    }
    chosen.sort((left, right) => left.start - right.start);
    return chosen.flatMap(({ entry, start, end }) => entry.units.map((unit) => ({ unit, alias: entry.alias, start, end })));
  };

  // A question is matched for names, then for misspelled and shortened ones around them: the last text's names are kept.
  let last: { text: string; mentions: UnitMention[] } | undefined;
  const match = (text: string): UnitMention[] => {
    if (last?.text !== text) last = { text, mentions: matchWith(text, aliasEdges(text)) };
    return last.mentions.map((mention) => ({ ...mention }));
  };

  const hints = (text: string): UnitMention[] => {
    const edges = aliasEdges(text);
    const named = matchWith(text, edges);
    const found: UnitMention[] = [];
    for (let start = 0; start < text.length; start += 1) {
      for (const entry of byFirstCharacter.get(text[start] ?? "") ?? []) {
        const end = start + entry.alias.length;
        if (entry.strength !== "weak" || !text.startsWith(entry.alias, start) || !acceptable(text, entry, start, edges, true)) continue;
        if (named.some((mention) => start < mention.end && end > mention.start)) continue;
        for (const unit of entry.units) if (!found.some((mention) => mention.unit === unit)) found.push({ unit, alias: entry.alias, start, end });
      }
    }
    return found;
  };

  // "峡沃镇", "公商联": a name typed with one character wrong, its kind (镇, 联) right.
  const misspelled = (text: string): UnitMention[] => {
    const named = match(text);
    const found: UnitMention[] = [];
    const candidates = [...typoTolerant.map((entry) => ({ entry, sound: undefined })), ...bySound];
    for (const { entry, sound } of candidates) {
      const length = entry.alias.length;
      for (let start = 0; start + length <= text.length; start += 1) {
        const end = start + length;
        const typed = text.slice(start, end);
        if (hammingDistance(typed, entry.alias) !== 1 || !/^[\u4e00-\u9fff]+$/.test(typed)) continue;
        if (sound === undefined ? typed[length - 1] !== entry.alias[length - 1] : soundOf(typed) !== sound) continue;
        if (entries.has(typed) || [...named, ...found].some((mention) => start < mention.end && end > mention.start)) continue;
        // "政协委员" is a word of its own, not 政法委 misspelled: a name ends where a clause goes on.
        const after = text[end];
        if (after !== undefined && /[\u4e00-\u9fff]/.test(after) && !WEAK_AFTER.has(after) && !SEASON_AFTER.test(text.slice(end))) continue;
        for (const unit of entry.units) found.push({ unit, alias: typed, start, end });
      }
    }
    return found;
  };

  const resolve = (name: string): UnitResolution => {
    const wanted = name.trim();
    const direct = entries.get(wanted);
    if (direct) return direct.units.length === 1 ? { unit: direct.units[0] ?? wanted } : { suggestions: [...direct.units] };
    const mentioned = [...new Set(match(wanted).map((mention) => mention.unit))];
    if (mentioned.length === 1 && mentioned[0]) return { unit: mentioned[0] };
    if (mentioned.length > 1) return { suggestions: mentioned };
    return { suggestions: closestUnits({ name: wanted, entries: [...entries.values()], limit: 5 }) };
  };

  const readAbbreviations = abbreviationReader(known);
  const shortened = (text: string): UnitMention[] => {
    const named = match(text);
    return readAbbreviations(text, (word) => entries.has(word)).filter((mention) => named.every((other) => mention.end <= other.start || mention.start >= other.end));
  };

  return { match, hints, misspelled, shortened, resolve, units: () => [...known] };
}

/**
 * The alias table names a unit as the dictionary spells it (区城管局); the bulletins may sign with
 * another of its names (区城市管理局). Such an entry is filed under the name on record, so that
 * "城管局" finds the bulletins' 区城市管理局 and the old name still resolves to it.
 */
function onRecordNames(table: Map<string, string[]>, units: readonly string[]): Map<string, string[]> {
  const onRecord = new Set(units.map((unit) => unit.trim()));
  const bare = (name: string) => name.replace(/^(区委|区|上街区)/, "");
  const renamed = new Map<string, string[]>();
  for (const [canonical, aliases] of table) {
    const recorded = onRecord.has(canonical) ? undefined : [...onRecord].find((unit) => aliases.some((alias) => alias === unit || bare(alias) === bare(unit)));
    const name = recorded ?? canonical;
    renamed.set(name, [...(renamed.get(name) ?? []), ...(recorded ? [canonical] : []), ...aliases.filter((alias) => alias !== name)]);
  }
  return renamed;
}

/**
 * Parses data/dictionary/unit-names-en.txt: `canonical = name; name`, `#` starts a comment.
 * Longest names first, so that "public security sub-bureau" wins over "police".
 */
export function parseEnglishUnitNames(lines: readonly string[]): { name: string; unit: string }[] {
  const names: { name: string; unit: string }[] = [];
  lines.forEach((raw, index) => {
    const line = raw.replace(/#.*$/, "").trim();
    if (line === "") return;
    const separator = line.indexOf("=");
    if (separator <= 0) {
      throw new DataFileError({ file: "data/dictionary/unit-names-en.txt", message: `第 ${index + 1} 行“${raw.trim()}”缺少“单位全称 =”`, hint: "每行写一个单位，如“区公安局 = public security bureau; police”" });
    }
    const unit = line.slice(0, separator).trim();
    for (const name of line.slice(separator + 1).split(";")) if (name.trim() !== "") names.push({ name: name.trim().toLowerCase(), unit });
  });
  return names.sort((left, right) => right.name.length - left.name.length);
}

function boundaryOk(character: string | undefined, allowed: Set<string>): boolean {
  if (character === undefined) return true;
  if (allowed.has(character)) return true;
  // Anything that is not a CJK ideograph (punctuation, digits, spaces, Latin) is a boundary.
  return !/\p{Script=Han}/u.test(character);
}

/** Ranks units by the best character overlap (Dice) of any of their names, edit distance breaking ties. */
function closestUnits(options: { name: string; entries: AliasEntry[]; limit: number }): string[] {
  const best = new Map<string, { overlap: number; distance: number }>();
  for (const entry of options.entries) {
    const overlap = characterOverlap(options.name, entry.alias);
    const distance = editDistance(options.name, entry.alias);
    for (const unit of entry.units) {
      const current = best.get(unit);
      if (!current || overlap > current.overlap || (overlap === current.overlap && distance < current.distance)) {
        best.set(unit, { overlap, distance });
      }
    }
  }
  return [...best.entries()]
    .filter(([, score]) => score.overlap > 0)
    .sort(([leftUnit, left], [rightUnit, right]) => right.overlap - left.overlap || left.distance - right.distance || leftUnit.localeCompare(rightUnit))
    .slice(0, options.limit)
    .map(([unit]) => unit);
}

function characterOverlap(left: string, right: string): number {
  if (left.length === 0 || right.length === 0) return 0;
  const remaining = [...right];
  let common = 0;
  for (const character of left) {
    const index = remaining.indexOf(character);
    if (index >= 0) {
      common += 1;
      remaining.splice(index, 1);
    }
  }
  return (2 * common) / (left.length + right.length);
}

/** The last character of a unit's name that says what kind of body it is. */
const UNIT_KIND_END = /[镇局联委办社院队]$|街道$|中心$/;

/** Positions at which two strings of the same length differ. */
function hammingDistance(left: string, right: string): number {
  let differences = 0;
  for (let index = 0; index < left.length; index += 1) if (left[index] !== right[index]) differences += 1;
  return differences;
}

function editDistance(left: string, right: string): number {
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let row = 1; row <= left.length; row += 1) {
    const current = [row];
    for (let column = 1; column <= right.length; column += 1) {
      const substitution = (previous[column - 1] ?? 0) + (left[row - 1] === right[column - 1] ? 0 : 1);
      current.push(Math.min((previous[column] ?? 0) + 1, (current[column - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[right.length] ?? 0;
}
