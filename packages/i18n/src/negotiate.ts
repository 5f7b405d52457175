import { defaultLanguage, isLanguage, type Language } from './languages.ts';

interface WeightedTag {
  tag: string;
  quality: number;
  order: number;
}

/** Parses an Accept-Language header into tags sorted by quality (RFC 9110 §12.5.4). */
export function parseAcceptLanguage(header: string | null | undefined): string[] {
  if (!header) return [];
  const tags: WeightedTag[] = [];
  header.split(',').forEach((part, order) => {
    const [rawTag, ...params] = part.trim().split(';');
    const tag = rawTag?.trim().toLowerCase();
    if (!tag) return;
    let quality = 1;
    for (const param of params) {
      const [key, value] = param.trim().split('=');
      if (key?.trim() === 'q') {
        const parsed = Number(value);
        quality = Number.isFinite(parsed) ? Math.min(Math.max(parsed, 0), 1) : 0;
      }
    }
    if (quality > 0) tags.push({ tag, quality, order });
  });
  tags.sort((a, b) => b.quality - a.quality || a.order - b.order);
  return tags.map((entry) => entry.tag);
}

/**
 * Picks the best supported language for an Accept-Language header: exact tags first in quality
 * order, a region tag falls back to its primary language (`fr-CA` → `fr`), `*` and unknown → English.
 */
export function negotiateLanguage(header: string | null | undefined): Language {
  for (const tag of parseAcceptLanguage(header)) {
    if (tag === '*') return defaultLanguage;
    const primary = tag.split(/[-_]/)[0];
    if (isLanguage(tag)) return tag;
    if (isLanguage(primary)) return primary;
  }
  return defaultLanguage;
}
