/**
 * Synthetic 上街信息 bulletins for benchmarks. Items come from a built-in list of
 * templates modelled on the fictional issues in data/samples; figures, units, dates and
 * editors are drawn from a seeded PRNG, so one seed always yields the same corpus.
 *
 * @example
 *   tsx scripts/generate-corpus.ts --count 1000 --out /tmp/corpus --seed 7
 *   generateCorpus({ count: 1000, seed: 7, outDir: "/tmp/corpus" });
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { UsageError, describeError } from "../src/errors.js";

export type CorpusFormat = "txt" | "md";

export interface SyntheticItem {
  kind: "report" | "brief";
  /** Unit as written in the closing attribution; joint reports list units separated by a space. */
  unit: string;
  /** Headline; "" for △ briefs, which have none. */
  title: string;
  body: string;
  /** Issue date, YYYY-MM-DD. */
  date: string;
}

export interface SyntheticIssue {
  year: number;
  issue: number;
  date: string;
  editors: [string, string];
  items: SyntheticItem[];
}

export interface GenerateCorpusOptions {
  count: number;
  seed: number;
  outDir: string;
  format?: CorpusFormat;
  /** Year of the last issue; earlier issues fill the years before it. Default 2026. */
  endYear?: number;
}

export interface GenerateItemsOptions {
  count: number;
  seed: number;
  endYear?: number;
}

/** Roughly weekly, as the real series: issue numbers restart at 1 every January. */
export const ISSUES_PER_YEAR = 50;

const SERIES = "上街信息";
const PUBLISHER = "中共上街区委办公室";
const RECIPIENT_LINES = ["本期送：区县处级领导", "发：峡窝镇、各街道办事处、区直各单位负责同志"];
const EDITORS = ["周明远", "韩晓璐", "苏婉清", "林若川", "唐可欣", "陆知秋"];
const TOWNS = ["工业路街道", "新安路街道", "峡窝镇", "槐荫路街道"];

interface ReportTemplate {
  units: readonly string[];
  title: string;
  body: string;
}

// Placeholders: {unit}; {n:a-b} an integer in [a, b]; {d:a-b} a one-decimal number in [a, b].
const REPORTS: readonly ReportTemplate[] = [
  { units: ["区教育局"], title: "{unit}推进课后服务提质扩面", body: "全区 {n:18-40} 所义务教育学校全部开设课后服务，开发科技、体育、艺术等特色课程 {n:100-400} 门，参与学生 {d:1-3} 万人，参与率达 {d:80-99}%。设立课后服务专项经费 {n:200-900} 万元，家长满意度测评达 {d:90-99}%。" },
  { units: ["区教育局"], title: "{unit}扩容增位缓解入学压力", body: "今年秋季学期新增公办学位 {n:600-2000} 个，实施 {n:2-6} 所幼儿园改扩建，新增普惠性学前学位 {n:100-500} 个。统筹调配教师 {n:30-120} 名，公办幼儿园在园幼儿占比提高到 {d:50-80}%。" },
  { units: TOWNS, title: "{unit}开展“楼院微更新”行动", body: "梳理“微更新”项目清单 {n:20-80} 项，已完成楼道照明改造 {n:10-60} 栋，新增非机动车充电车位 {n:200-900} 个。组建“楼院议事会”，累计收集居民意见 {n:100-300} 条，推动解决问题 {n:60-200} 件。" },
  { units: TOWNS, title: "{unit}“企业服务日”打通助企最后一公里", body: "班子成员带领科室负责人集中走访企业，累计走访企业 {n:80-300} 家，协调解决水电接入、员工通勤等问题 {n:20-90} 个；帮助企业招工 {n:100-500} 人，协调贷款 {n:500-5000} 万元。" },
  { units: ["区委社工部"], title: "{unit}推动志愿服务提质增效", body: "注册志愿者增至 {d:2-6} 万人，志愿服务组织达 {n:120-300} 支，建成标准化志愿服务站点 {n:40-120} 个，开展“一老一小”等志愿服务 {n:200-900} 场次。" },
  { units: ["区委社工部"], title: "{unit}织密新就业群体服务网络", body: "在商圈、物流园区建成“暖新驿站” {n:10-60} 个，累计服务 {d:1-5} 万人次。联合 {n:3-9} 家平台企业建立党建联席机制，吸纳 {n:40-200} 名新就业群体党员参与社区治理。" },
  { units: ["区应急管理局"], title: "{unit}开展安全生产隐患大排查", body: "共检查企业 {n:200-600} 家，发现一般隐患 {n:500-1500} 处，整改率 {d:90-99}%。同步开展应急演练 {n:8-40} 场、安全培训 {n:20-60} 场，受训企业员工 {n:1000-5000} 人次。" },
  { units: ["区应急管理局"], title: "{unit}扎实做好防汛准备", body: "明确易涝点 {n:20-60} 处责任人，组织防汛应急演练 {n:6-20} 场，参演 {n:500-1500} 人次；储备编织袋 {d:2-9} 万条、抽水泵 {n:20-60} 台，实行 24 小时值班制度。" },
  { units: ["区市场监管局"], title: "{unit}守牢食品安全底线", body: "出动执法人员 {n:500-1500} 人次，检查食品经营主体 {n:800-2500} 家，完成食品安全监督抽检 {n:300-900} 批次，合格率 {d:95-99}%，推动 {n:50-200} 家餐饮单位实施“明厨亮灶”改造。" },
  { units: ["区公安局"], title: "{unit}多管齐下打好反诈“组合拳”", body: "累计推送预警信息 {d:1-3} 万条，见面劝阻潜在受害群众 {n:1000-4000} 人，为群众避免损失 {d:100-500} 万元，电信网络诈骗发案数同比下降 {d:10-30}%。" },
  { units: ["区公安局"], title: "{unit}“夏夜守护”行动提升群众安全感", body: "设立临时警务站 {n:3-12} 个，接处警 {n:1000-3000} 起，破获盗窃、诈骗等案件 {n:30-90} 起，抓获违法犯罪嫌疑人 {n:30-90} 名，治安警情同比下降 {d:8-25}%。" },
  { units: ["区农委", "峡窝镇"], title: "{unit}多措并举抓好春耕备播", body: "落实小麦种植面积 {d:1-6} 万亩，储备化肥 {n:1000-4000} 吨，向 {n:300-900} 户实际种粮农户发放一次性补贴 {n:10000-99999} 元，开展田间指导 {n:40-120} 次。" },
  { units: ["区卫健委 区医保局", "区卫健委"], title: "{unit}推进家庭医生签约服务", body: "组建家庭医生团队 {n:30-90} 个，重点人群签约率达 {d:60-90}%，签约 {d:1-4} 万人；开展上门随访 {d:1-3} 万人次，基层门诊量同比增长 {d:5-20}%。" },
  { units: ["区医保局"], title: "{unit}加强医保基金常态化监管", body: "检查定点医药机构 {n:50-150} 家，约谈 {n:5-20} 家，追回违规医保基金 {d:20-90} 万元，“医保码”激活率达 {d:70-95}%。" },
  { units: ["区人社局"], title: "{unit}开展“春风行动”稳就业促增收", body: "组织专场招聘会 {n:5-15} 场，邀请 {n:100-300} 家企业进场，提供岗位 {n:2000-6000} 个，达成就业意向 {n:500-2000} 人，发放培训补贴 {d:20-90} 万元。" },
  { units: ["区委宣传部"], title: "{unit}深化“书香上街”建设", body: "全年组织阅读活动 {n:60-200} 场，累计吸引群众 {d:1-4} 万人次，推出公益图书分享活动，累计兑换图书 {n:500-3000} 册。" },
];

const BRIEFS: readonly ReportTemplate[] = [
  { units: ["区司法局"], title: "", body: "{date}，{unit}在文化广场举办“法律服务进万家”集中宣传活动，发放宣传资料 {n:800-3000} 余份，提供法律咨询 {n:50-300} 人次。" },
  { units: ["区农委"], title: "", body: "{date}，{unit}组织农技人员分赴 {n:3-12} 个行政村开展田间管理指导，发放技术明白纸 {n:1000-5000} 余份。" },
  { units: ["区住建局"], title: "", body: "{date}，{unit}联合燃气公司开展燃气安全入户检查，检查居民用户 {n:800-3000} 户，整改隐患 {n:50-300} 处。" },
  { units: ["区退役军人事务局", "区人社局"], title: "", body: "{date}，{unit}举办专场招聘会，{n:20-60} 家企业提供岗位 {n:200-900} 个，现场达成就业意向 {n:30-150} 人。" },
  { units: ["区红十字会"], title: "", body: "{date}，{unit}开展应急救护知识普及活动，现场培训群众 {n:100-500} 人，发放家庭急救包 {n:50-200} 个。" },
];

/** mulberry32: tiny, fast and good enough to make test data reproducible. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

function randomInteger(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

function pick<T>(random: () => number, values: readonly T[]): T {
  const value = values[Math.floor(random() * values.length)];
  if (value === undefined) throw new Error("pick() needs a non-empty list");
  return value;
}

function shuffled<T>(random: () => number, values: readonly T[]): T[] {
  const copy = [...values];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}

function fill(options: { text: string; unit: string; date: string; random: () => number }): string {
  const { random } = options;
  return options.text.replace(/\{(unit|date|n|d)(?::(\d+)-(\d+))?\}/g, (_match, name: string, low?: string, high?: string) => {
    if (name === "unit") return options.unit;
    if (name === "date") return options.date;
    const min = Number(low);
    const max = Number(high);
    if (name === "n") return String(randomInteger(random, min, max));
    return (randomInteger(random, min * 10, max * 10) / 10).toFixed(1);
  });
}

function issueDate(year: number, issue: number): Date {
  return new Date(Date.UTC(year, 0, 3 + (issue - 1) * 7));
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function chineseDate(date: Date, withYear: boolean): string {
  const monthDay = `${date.getUTCMonth() + 1} 月 ${date.getUTCDate()} 日`;
  return withYear ? `${date.getUTCFullYear()} 年 ${monthDay}` : monthDay;
}

function createIssue(options: { random: () => number; year: number; issue: number }): SyntheticIssue {
  const { random, year, issue } = options;
  const published = issueDate(year, issue);
  const date = isoDate(published);
  const total = randomInteger(random, 5, 8);
  const briefCount = randomInteger(random, 0, 2);
  const used = new Set<string>();
  const items: SyntheticItem[] = [];
  const draw = (templates: readonly ReportTemplate[], wanted: number, kind: SyntheticItem["kind"]): void => {
    let drawn = 0;
    for (const template of shuffled(random, templates)) {
      if (drawn === wanted) break;
      const unit = pick(random, template.units);
      if (used.has(unit)) continue;
      used.add(unit);
      drawn += 1;
      const eventDate = new Date(published.getTime() - randomInteger(random, 1, 6) * 86_400_000);
      const context = { unit, date: chineseDate(eventDate, false), random };
      items.push({ kind, unit, title: fill({ ...context, text: template.title }), body: fill({ ...context, text: template.body }), date });
    }
  };
  draw(REPORTS, total - briefCount, "report");
  draw(BRIEFS, briefCount, "brief");
  const [first, second] = shuffled(random, EDITORS);
  return { year, issue, date, editors: [first ?? "", second ?? ""], items };
}

/** Issues in publication order; the layout of years depends only on `count` and `endYear`. */
export function generateIssues(options: GenerateItemsOptions): SyntheticIssue[] {
  const endYear = options.endYear ?? 2026;
  const startYear = endYear - Math.ceil(options.count / ISSUES_PER_YEAR) + 1;
  const random = createRandom(options.seed);
  const issues: SyntheticIssue[] = [];
  for (let index = 0; index < options.count; index += 1) {
    const year = startYear + Math.floor(index / ISSUES_PER_YEAR);
    issues.push(createIssue({ random, year, issue: (index % ISSUES_PER_YEAR) + 1 }));
  }
  return issues;
}

/** Exactly `count` items taken in order from a synthetic issue stream (for search benchmarks). */
export function generateItems(options: GenerateItemsOptions): SyntheticItem[] {
  // Every issue holds at least 5 items, so this many issues always suffices.
  const issueCount = Math.max(1, Math.ceil(options.count / 5));
  const issues = generateIssues({ ...options, count: issueCount });
  return issues.flatMap((issue) => issue.items).slice(0, options.count);
}

/** The bulletin as the real series prints it, in plain text or Markdown. */
export function renderIssue(options: { issue: SyntheticIssue; format: CorpusFormat }): string {
  const { issue, format } = options;
  const markdown = format === "md";
  const header = [
    markdown ? `# ${SERIES}` : SERIES,
    `第 ${issue.issue} 期`,
    PUBLISHER,
    chineseDate(issueDate(issue.year, issue.issue), true),
  ];
  const items = issue.items.map((item) => {
    if (item.kind === "brief") return `△ ${item.body}（${item.unit}）`;
    const title = markdown ? `**${item.title}**` : item.title;
    return `${title} ${item.body}（${item.unit}）`;
  });
  const footer = [...RECIPIENT_LINES, `责任编辑：${issue.editors.join(" ")}`].join(markdown ? "\n\n---\n\n" : "\n\n");
  return [...header, ...items, footer].join("\n\n") + "\n";
}

/** Writes `count` bulletins named `YYYY-NN.txt` (or `.md`) into `outDir`; returns their paths in order. */
export function generateCorpus(options: GenerateCorpusOptions): string[] {
  const format = options.format ?? "txt";
  mkdirSync(options.outDir, { recursive: true });
  return generateIssues(options).map((issue) => {
    const path = join(options.outDir, `${issue.year}-${String(issue.issue).padStart(2, "0")}.${format}`);
    writeFileSync(path, renderIssue({ issue, format }), "utf8");
    return path;
  });
}

function parseCommandLine(argv: string[]): GenerateCorpusOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      count: { type: "string" },
      seed: { type: "string", default: "1" },
      out: { type: "string" },
      format: { type: "string", default: "txt" },
      "end-year": { type: "string", default: "2026" },
    },
  });
  const usage = "用法：tsx scripts/generate-corpus.ts --count 1000 --out /tmp/corpus [--seed 1] [--format txt|md] [--end-year 2026]";
  const count = Number(values.count);
  const seed = Number(values.seed);
  const endYear = Number(values["end-year"]);
  if (!Number.isInteger(count) || count < 1) throw new UsageError({ message: `--count 须为正整数，收到 ${values.count ?? "（未提供）"}`, hint: usage });
  if (!Number.isInteger(seed)) throw new UsageError({ message: `--seed 须为整数，收到 ${values.seed}`, hint: usage });
  if (!Number.isInteger(endYear)) throw new UsageError({ message: `--end-year 须为年份，收到 ${values["end-year"]}`, hint: usage });
  if (!values.out) throw new UsageError({ message: "缺少 --out 输出目录", hint: usage });
  if (values.format !== "txt" && values.format !== "md") throw new UsageError({ message: `--format 只能是 txt 或 md，收到 ${values.format}`, hint: usage });
  return { count, seed, endYear, outDir: resolve(values.out), format: values.format };
}

const invokedPath = process.argv[1];
if (invokedPath && import.meta.url === pathToFileURL(resolve(invokedPath)).href) {
  try {
    const options = parseCommandLine(process.argv.slice(2));
    const files = generateCorpus(options);
    console.log(`已生成 ${files.length} 期简报，输出目录：${options.outDir}`);
  } catch (error) {
    console.error(describeError(error));
    process.exitCode = 1;
  }
}
