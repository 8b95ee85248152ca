/**
 * Reads the central directory of a zip archive (a .docx is one) without inflating anything:
 * the names and the sizes the archive declares for its entries. PKWARE APPNOTE 4.3.
 */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; Word uses nothing else. */
  method: number;
  compressedSize: number;
  /** As declared by the directory; only inflating tells whether it is true. */
  uncompressedSize: number;
  /** Where the entry's local header starts, corrected for data prepended to the archive. */
  localHeaderOffset: number;
}

const END_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_END_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const END_LENGTH = 22;
const MAX_COMMENT_LENGTH = 0xffff;
const ZIP64_EXTRA_ID = 0x0001;
const SATURATED_32 = 0xffffffff;
const SATURATED_16 = 0xffff;

interface DirectoryLocation {
  count: number;
  size: number;
  offset: number;
  /** Where the end record (or its zip64 form) starts: the directory ends right before it. */
  endAt: number;
}

/**
 * The entries of a zip archive as its central directory lists them; undefined when the bytes
 * are not a well-formed zip (no end record, a directory that does not fit, a broken header).
 *
 * @example readZipDirectory(readFileSync("2024-21.docx"))?.map((entry) => entry.name) // ["[Content_Types].xml", …]
 */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    const location = locateDirectory(view);
    if (!location) return undefined;
    // Data prepended to the archive shifts every recorded offset by the same amount.
    const shift = location.endAt - location.size - location.offset;
    if (shift < 0) return undefined;
    const entries: ZipEntry[] = [];
    let at = location.offset + shift;
    const directoryEnd = at + location.size;
    while (at < directoryEnd) {
      const entry = readCentralHeader(view, at, shift);
      if (!entry) return undefined;
      entries.push(entry.entry);
      at = entry.next;
    }
    return at === directoryEnd && entries.length === location.count ? entries : undefined;
  } catch (error) {
    // A length field pointing past the end of the bytes.
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

/** The compressed bytes of an entry, found through its local header; undefined when that header is broken. */
export function zipEntryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL_SIGNATURE) return undefined;
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  return end <= bytes.length ? bytes.subarray(start, end) : undefined;
}

function locateDirectory(view: DataView): DirectoryLocation | undefined {
  const lowest = Math.max(0, view.byteLength - END_LENGTH - MAX_COMMENT_LENGTH);
  for (let at = view.byteLength - END_LENGTH; at >= lowest; at -= 1) {
    if (view.getUint32(at, true) !== END_SIGNATURE) continue;
    const count = view.getUint16(at + 10, true);
    const size = view.getUint32(at + 12, true);
    const offset = view.getUint32(at + 16, true);
    if (count === SATURATED_16 || size === SATURATED_32 || offset === SATURATED_32) return locateZip64Directory(view, at);
    return { count, size, offset, endAt: at };
  }
  return undefined;
}

function locateZip64Directory(view: DataView, endAt: number): DirectoryLocation | undefined {
  const locatorAt = endAt - 20;
  if (locatorAt < 0 || view.getUint32(locatorAt, true) !== ZIP64_LOCATOR_SIGNATURE) return undefined;
  // Where the locator says the zip64 end record is, else right before the locator (prepended data shifts offsets).
  const recorded = Number(view.getBigUint64(locatorAt + 8, true));
  const isRecord = (at: number) => at >= 0 && at + 56 <= locatorAt && view.getUint32(at, true) === ZIP64_END_SIGNATURE;
  const recordAt = isRecord(recorded) ? recorded : locatorAt - 56;
  if (!isRecord(recordAt)) return undefined;
  return {
    count: Number(view.getBigUint64(recordAt + 32, true)),
    size: Number(view.getBigUint64(recordAt + 40, true)),
    offset: Number(view.getBigUint64(recordAt + 48, true)),
    endAt: recordAt,
  };
}

function readCentralHeader(view: DataView, at: number, shift: number): { entry: ZipEntry; next: number } | undefined {
  if (view.getUint32(at, true) !== CENTRAL_SIGNATURE) return undefined;
  const method = view.getUint16(at + 10, true);
  let compressedSize = view.getUint32(at + 20, true);
  let uncompressedSize = view.getUint32(at + 24, true);
  const nameLength = view.getUint16(at + 28, true);
  const extraLength = view.getUint16(at + 30, true);
  const commentLength = view.getUint16(at + 32, true);
  let localHeaderOffset = view.getUint32(at + 42, true);
  const nameStart = at + 46;
  const name = new TextDecoder().decode(new Uint8Array(view.buffer, view.byteOffset + nameStart, nameLength));

  if (uncompressedSize === SATURATED_32 || compressedSize === SATURATED_32 || localHeaderOffset === SATURATED_32) {
    const zip64 = findExtraField(view, nameStart + nameLength, extraLength, ZIP64_EXTRA_ID);
    if (!zip64) return undefined;
    // Only the saturated fields are present, in this order.
    let field = zip64.start;
    const next64 = () => {
      if (field + 8 > zip64.end) throw new RangeError("zip64 extra field too short");
      const value = Number(view.getBigUint64(field, true));
      field += 8;
      return value;
    };
    if (uncompressedSize === SATURATED_32) uncompressedSize = next64();
    if (compressedSize === SATURATED_32) compressedSize = next64();
    if (localHeaderOffset === SATURATED_32) localHeaderOffset = next64();
  }
  return {
    entry: { name, method, compressedSize, uncompressedSize, localHeaderOffset: localHeaderOffset + shift },
    next: nameStart + nameLength + extraLength + commentLength,
  };
}

function findExtraField(view: DataView, start: number, length: number, id: number): { start: number; end: number } | undefined {
  const end = start + length;
  for (let at = start; at + 4 <= end; ) {
    const size = view.getUint16(at + 2, true);
    if (view.getUint16(at, true) === id) return { start: at + 4, end: Math.min(end, at + 4 + size) };
    at += 4 + size;
  }
  return undefined;
}
