/**
 * Recognises a personal name written after a unit in an attribution ("（区民政局李四）",
 * "（供稿：区卫健委 张三）"). A name is two to four characters starting with a common surname,
 * which keeps words such as 牵头 or 试行 from passing as names; surnames that are also common
 * words in attributions (区, 党, 全, 国 …) are left out on purpose.
 */
const SURNAMES = new Set([
  ..."王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕季裴霍涂苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶牟艾尤阳穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景宫费卜冷晏席卫米柏宗瞿桂佟臧闵苟邬卞姬仇栾隋刁沙荣巫寇桑郎甄丛仲虞敖巩佘池麻苑迟邝封谈匡鞠荆冀郁胥栗燕楚鄢谌奚粟冼蔺闻厉伊仝郜阚帅屠朴盖廉禹祖漆丰卿狄索晋扈晁芮阙浦戈伏鹿薄邰雍辜羊乌裘亓修邴赖",
]);
const COMPOUND_SURNAMES = ["欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "令狐", "端木"];

export function isPersonName(text: string): boolean {
  if (!/^[\u4e00-\u9fa5]{2,4}$/.test(text)) return false;
  if (COMPOUND_SURNAMES.some((surname) => text.startsWith(surname))) return text.length >= 3;
  return SURNAMES.has(text[0]!) && text.length <= 3;
}
