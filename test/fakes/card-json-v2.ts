/**
 * Card JSON 2.0 attribute validation as the Open Platform applies it: unlike 1.0, an attribute
 * a component does not support is an error, not ignored. The tables list the documented
 * attributes of the components this project uses (card root, config, header, body, markdown,
 * hr, button, column_set, column, plain_text and the button behaviors); any other tag is
 * refused too, so a new component makes a test fail until it is added here from the docs.
 */

type Check = (value: unknown, path: string) => string | undefined;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const string: Check = (value, path) => (typeof value === "string" ? undefined : `${path} must be a string`);
const boolean: Check = (value, path) => (typeof value === "boolean" ? undefined : `${path} must be a boolean`);
const integer: Check = (value, path) => (Number.isInteger(value) ? undefined : `${path} must be an integer`);
const any: Check = () => undefined;
const oneOf =
  (...allowed: string[]): Check =>
  (value, path) =>
    typeof value === "string" && allowed.includes(value) ? undefined : `${path} must be one of ${allowed.join(", ")} (got ${JSON.stringify(value)})`;
const elementId: Check = (value, path) =>
  typeof value === "string" && /^[a-zA-Z][a-zA-Z0-9_]{0,19}$/.test(value) ? undefined : `${path} must start with a letter and have at most 20 letters, digits or underscores`;
const margin: Check = string;

function object(fields: Record<string, Check>, required: string[] = []): Check {
  return (value, path) => {
    if (!isObject(value)) return `${path} must be an object`;
    for (const key of required) if (!(key in value)) return `${path}.${key} is required`;
    for (const [key, child] of Object.entries(value)) {
      const check = fields[key];
      if (!check) return `${path}.${key} is not a supported attribute`;
      const problem = check(child, `${path}.${key}`);
      if (problem) return problem;
    }
    return undefined;
  };
}

function arrayOf(item: Check, options: { max?: number } = {}): Check {
  return (value, path) => {
    if (!Array.isArray(value)) return `${path} must be an array`;
    if (options.max !== undefined && value.length > options.max) return `${path} has ${value.length} entries, at most ${options.max} allowed`;
    for (const [index, child] of value.entries()) {
      const problem = item(child, `${path}[${index}]`);
      if (problem) return problem;
    }
    return undefined;
  };
}

const i18nText = object({ zh_cn: string, en_us: string, ja_jp: string, zh_hk: string, zh_tw: string });
const plainText = object({ tag: oneOf("plain_text", "lark_md"), content: string, text_size: string, text_align: oneOf("left", "center", "right"), text_color: string, lines: integer, i18n_content: i18nText }, ["tag"]);
const icon = object({ tag: oneOf("standard_icon", "custom_icon"), token: string, color: string, img_key: string, size: string });

const behavior: Check = (value, path) => {
  if (!isObject(value)) return `${path} must be an object`;
  if (value.type === "open_url") return object({ type: string, default_url: string, pc_url: string, ios_url: string, android_url: string }, ["default_url"])(value, path);
  if (value.type === "callback") return object({ type: string, value: any })(value, path);
  if (value.type === "form_action") return object({ type: string, behavior: oneOf("submit", "reset") })(value, path);
  return `${path}.type must be open_url, callback or form_action`;
};

const buttonTypes = ["default", "primary", "danger", "text", "primary_text", "danger_text", "primary_filled", "danger_filled", "laser"];
const confirm = object({ title: plainText, text: plainText }, ["title"]);

// Filled in below: elements nest (a column holds elements).
const element: Check = (value, path) => {
  if (!isObject(value)) return `${path} must be an object`;
  const check = elementChecks[String(value.tag)];
  return check ? check(value, path) : `${path}.tag ${JSON.stringify(value.tag)} is not a card JSON 2.0 component this fake knows`;
};
const elements = arrayOf(element, { max: 200 });

const column = object({
  tag: oneOf("column"),
  element_id: elementId,
  background_style: string,
  width: string,
  weight: integer,
  vertical_align: oneOf("top", "center", "bottom"),
  vertical_spacing: string,
  horizontal_align: oneOf("left", "center", "right"),
  horizontal_spacing: string,
  direction: oneOf("vertical", "horizontal"),
  padding: string,
  margin,
  elements,
  behaviors: arrayOf(behavior),
});

const elementChecks: Record<string, Check> = {
  markdown: object({ tag: string, element_id: elementId, margin, text_align: oneOf("left", "center", "right"), text_size: string, icon, content: string, i18n_content: i18nText }, ["content"]),
  hr: object({ tag: string, element_id: elementId, margin }),
  button: object({
    tag: string,
    element_id: elementId,
    margin,
    type: oneOf(...buttonTypes),
    size: oneOf("tiny", "small", "medium", "large"),
    width: string,
    text: plainText,
    icon,
    hover_tips: plainText,
    disabled: boolean,
    disabled_tips: plainText,
    confirm,
    behaviors: arrayOf(behavior),
    name: string,
    form_action_type: oneOf("submit", "reset"),
  }),
  column_set: object({
    tag: string,
    element_id: elementId,
    margin,
    horizontal_spacing: string,
    horizontal_align: oneOf("left", "center", "right"),
    flex_mode: oneOf("none", "stretch", "flow", "bisect", "trisect"),
    background_style: string,
    columns: arrayOf(column),
    behaviors: arrayOf(behavior),
  }),
};

const templates = ["blue", "wathet", "turquoise", "green", "yellow", "orange", "red", "carmine", "violet", "purple", "indigo", "grey", "default"];

const config = object({
  streaming_mode: boolean,
  streaming_config: object({ print_frequency_ms: any, print_step: any, print_strategy: oneOf("fast", "delay") }),
  summary: object({ content: string, i18n_content: i18nText }),
  locales: arrayOf(string),
  enable_forward: boolean,
  update_multi: (value, path) => (value === true ? undefined : `${path}: JSON 2.0 cards support only shared cards (update_multi true)`),
  width_mode: oneOf("default", "compact", "fill"),
  use_custom_translation: boolean,
  enable_forward_interaction: boolean,
  style: any,
});

const header = object({
  title: plainText,
  subtitle: plainText,
  text_tag_list: arrayOf(any),
  i18n_text_tag_list: any,
  template: oneOf(...templates),
  icon,
  padding: string,
});

const body = object({
  direction: oneOf("vertical", "horizontal"),
  padding: string,
  horizontal_spacing: string,
  horizontal_align: oneOf("left", "center", "right"),
  vertical_spacing: string,
  vertical_align: oneOf("top", "center", "bottom"),
  elements,
});

const cardLink = object({ url: string, pc_url: string, ios_url: string, android_url: string });

const card = object({ schema: (value, path) => (value === "2.0" ? undefined : `${path} must be "2.0"`), config, card_link: cardLink, header, body }, ["schema"]);

/** undefined when `value` is a valid card JSON 2.0 object for the components we know, else the first problem. */
export function validateCardJsonV2(value: unknown): string | undefined {
  const problem = card(value, "card");
  if (problem) return problem;
  const ids = new Set<string>();
  const duplicate = findDuplicateElementId(value, ids);
  return duplicate ? `element_id ${duplicate} is used twice` : undefined;
}

function findDuplicateElementId(node: unknown, seen: Set<string>): string | undefined {
  if (Array.isArray(node)) {
    for (const child of node) {
      const found = findDuplicateElementId(child, seen);
      if (found) return found;
    }
    return undefined;
  }
  if (!isObject(node)) return undefined;
  if (typeof node.element_id === "string") {
    if (seen.has(node.element_id)) return node.element_id;
    seen.add(node.element_id);
  }
  for (const child of Object.values(node)) {
    const found = findDuplicateElementId(child, seen);
    if (found) return found;
  }
  return undefined;
}
