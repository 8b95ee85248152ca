/** Today's date in local time as YYYY-MM-DD: what 今年 and 上个月 in a question are read against. */
export function localDate(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
}
