import type { UnitMention } from "./unit-mention.js";

/**
 * Names staff shorten by keeping some characters of each word, in order, and the kind of unit:
 * "人影办" for 区人工影响天气办公室, "特检所" for 区特种设备检验所, "儿童福利中心" for 区儿童福利指导中心.
 * Such a short name starts on the name's first character, ends on its kind, and says which unit
 * only when no other unit's name reads that way too.
 */

const PREFIX = /^(?:区委|区|市)/;
// 办公室 is said 办; the other kinds are said as written.
const KIND = /(办公室|中心|大队|[办所站局队馆院宫处社会委])$/;
const CJK = /^[\u4e00-\u9fff]+$/;
/** Characters before the kind: fewer would be too short to say which unit. */
const MINIMUM_CORE = 2;
/** Characters of a name kept from its start without a gap: more than one short word ("老干部中心"). */
const MINIMUM_PREFIX = 3;


interface Shortenable {
  unit: string;
  /** The name without 区 and its kind ("人工影响天气"). */
  core: string;
  /** The kind as staff say it ("办"). */
  kind: string;
}

function shortenable(unit: string): Shortenable | undefined {
  const bare = unit.replace(PREFIX, "");
  const kind = KIND.exec(bare)?.[1];
  if (!kind || bare === unit) return undefined;
  const core = bare.slice(0, bare.length - kind.length);
  return core.length > MINIMUM_CORE ? { unit, core, kind: kind === "办公室" ? "办" : kind } : undefined;
}

/** `short` keeps characters of `core` in their order, starting on its first one, and leaves at least one out. */
function keepsInOrder(short: string, core: string): boolean {
  if (short[0] !== core[0] || short.length >= core.length) return false;
  let at = 0;
  for (const character of short) {
    at = core.indexOf(character, at);
    if (at === -1) return false;
    at += 1;
  }
  return true;
}

/**
 * Reads short names in a text that read as exactly one of `units` (what each unit's name can be shortened
 * to is worked out once). `known(word)` says whether a word already is a name or alias (matched as such).
 */
export function abbreviationReader(units: readonly string[]): (text: string, known: (word: string) => boolean) => UnitMention[] {
  const candidates = units.flatMap((unit) => shortenable(unit) ?? []);
  return (text, known) => {
    const found: UnitMention[] = [];
    for (let end = 1; end <= text.length; end += 1) {
      const readings = new Map<string, { start: number; units: Set<string> }>();
      for (const { unit, core, kind } of candidates) {
        const kindStart = end - kind.length;
        if (kindStart < 0 || !text.startsWith(kind, kindStart)) continue;
        // The longest short name first: "儿童福利中心" rather than "童福利中心".
        for (let start = Math.max(0, kindStart - core.length + 1); start <= kindStart - MINIMUM_CORE; start += 1) {
          const short = text.slice(start, kindStart);
          // A first word of two characters alone and 中心 ("儿童中心") could be many bodies; more ("儿童福利中心"),
          // or a kind of its own ("农机站"), says which.
          if (!CJK.test(short) || !keepsInOrder(short, core) || (kind === "中心" && core.startsWith(short) && short.length < MINIMUM_PREFIX)) continue;
          const word = text.slice(start, end);
          if (known(word)) break;
          const reading = readings.get(word) ?? { start, units: new Set<string>() };
          reading.units.add(unit);
          readings.set(word, reading);
          break;
        }
      }
      for (const [word, { start: at, units: read }] of readings) {
        // "区医保服务中心": the 区 said before the short name is part of it.
        const start = text.slice(Math.max(0, at - 2), at) === "区委" ? at - 2 : text[at - 1] === "区" ? at - 1 : at;
        if (read.size !== 1 || found.some((mention) => start < mention.end && end > mention.start)) continue;
        found.push({ unit: [...read][0]!, alias: text.slice(start, end), start, end });
      }
    }
    return found;
  };
}
