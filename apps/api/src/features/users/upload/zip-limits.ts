/**
 * Reads a ZIP archive's central directory (without inflating anything) and answers how many
 * entries it has and how large they are once inflated, so that an XLSX "zip bomb" is refused
 * before it is opened. Undefined when the bytes are not a ZIP archive.
 */
export function zipInflatedSize(bytes: Uint8Array): { entries: number; inflatedBytes: number } | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record is in the last 22 + 65535 bytes.
  for (let end = bytes.length - 22; end >= Math.max(0, bytes.length - 22 - 65535); end--) {
    if (view.getUint32(end, true) !== 0x06054b50) continue;
    const entries = view.getUint16(end + 10, true);
    let offset = view.getUint32(end + 16, true);
    let inflatedBytes = 0;
    for (let i = 0; i < entries; i++) {
      if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) return undefined;
      inflatedBytes += view.getUint32(offset + 24, true);
      offset +=
        46 + view.getUint16(offset + 28, true) + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
    }
    return { entries, inflatedBytes };
  }
  return undefined;
}
