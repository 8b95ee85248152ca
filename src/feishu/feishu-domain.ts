import { Domain } from "@larksuiteoapi/node-sdk";

/** FEISHU_DOMAIN: empty or "feishu" = Feishu, "lark" = Lark, anything else a base URL (private deployments, tests). */
export function resolveFeishuDomain(value: string | undefined): Domain | string {
  if (!value || value.toLowerCase() === "feishu") return Domain.Feishu;
  if (value.toLowerCase() === "lark") return Domain.Lark;
  return value.replace(/\/+$/, "");
}
