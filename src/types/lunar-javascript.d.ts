// The part of lunar-javascript (a CommonJS library without its own types) that festival dates use.
declare module "lunar-javascript" {
  interface SolarDay {
    getYear(): number;
    getMonth(): number;
    getDay(): number;
    getLunar(): LunarDay;
  }
  interface LunarDay {
    getSolar(): SolarDay;
    getJieQiTable(): Record<string, SolarDay>;
  }
  const library: {
    Lunar: { fromYmd(year: number, month: number, day: number): LunarDay };
    Solar: { fromYmd(year: number, month: number, day: number): SolarDay };
  };
  export default library;
}
