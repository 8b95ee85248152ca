/**
 * Measure words that also start words of their own ("家禽", "项目", "场所", "户籍", "部门"): after a
 * question word they are the noun, not the measure.
 */
const WORD_AFTER_MEASURE: Record<string, string> = {
  个: "体性别案", 名: "单称额录", 家: "庭长属园门政风禽具乡", 项: "目", 位: "置", 人: "员口民才群均", 场: "所地馆景",
  所: "有在属", 支: "部持出援队", 门: "店诊户槛面", 户: "籍外口", 处: "理置罚室", 起: "草来步", 条: "件例款",
  期: "间限", 台: "账风", 套: "餐", 座: "谈", 本: "地科领级村", 张: "贴", 份: "额", 例: "如", 天: "然气",
  种: "植类子", 类: "型别", 粒: "子", 亩: "产均", 元: "旦", 部: "门分署队委长", 头: "绪脑", 只: "有是要能", 单: "位元独项据子纯身", 通: "知过报道讯告行信车用气水航勤风畅顺", 发: "放展现生布出起动送了给挥行表票",
};

/** An alternation of measure words ("个|家|项"), each kept out of the words it starts. */
export function measureAlternation(list: string): string {
  return list
    .split("|")
    .map((measure) => {
      const after = WORD_AFTER_MEASURE[measure];
      return after ? `${measure}(?![${after}])` : measure;
    })
    .join("|");
}

/** Measure words bulletins count in. */
export const MEASURES = measureAlternation("家次|户次|台次|架次|棵|株|颗|粒|趟|遍|轮|盏|个|家|项|次|场|件|条|所|亩|户|处|起|支|篇|期|台|部|艘|套|吨|批次|批|座|辆|本|册|张|份|单|通|例|门|种|类|栋|间|头|只|羽|匹|枚|发|公里|千米|米|平方米|万平方米|元|万元|亿元|斤|公斤|千克|辆次|人次|车次|小时|天|个月|年|岁|周");
/** Measure words that count people. */
export const PEOPLE_MEASURES = new Set(["人", "名", "位", "人次"]);
