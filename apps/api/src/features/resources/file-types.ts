/** Media types by extension: what a stored file is said to be, and how it is served. */
const MEDIA_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.bmp': 'image/bmp',
  '.ico': 'image/x-icon',
  '.svg': 'image/svg+xml',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.mov': 'video/quicktime',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain',
  '.csv': 'text/csv',
  '.html': 'text/html',
  '.htm': 'text/html',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.zip': 'application/zip',
};

/**
 * Files a browser may show inline from our origin: pictures and media that cannot carry script.
 * Everything else (HTML, SVG, XML, PDF, text …) is served as a download, whatever its name says.
 */
const SHOWN_INLINE = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/bmp',
  'image/x-icon',
  'video/mp4',
  'video/webm',
  'audio/mpeg',
  'audio/wav',
]);

/** `.png` of `a/b.PNG`; empty when there is none. */
export function extensionOf(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

export const mediaTypeOf = (path: string) => MEDIA_TYPES[extensionOf(path)] ?? 'application/octet-stream';

/**
 * Casdoor's fileType: the part before the slash of the upload's own media type when that says
 * image or video, else of the media type its extension names.
 */
export function fileTypeOf(path: string, declared: string): string {
  const declaredType = declared.split('/')[0]!.trim().toLowerCase();
  if (declaredType === 'image' || declaredType === 'video') return declaredType;
  const byExtension = MEDIA_TYPES[extensionOf(path)];
  return byExtension ? byExtension.split('/')[0]! : 'application';
}

/** How a stored file is answered: its media type, and whether it is shown or downloaded. */
export function servingOf(path: string): { contentType: string; inline: boolean } {
  const type = mediaTypeOf(path);
  return SHOWN_INLINE.has(type)
    ? { contentType: type, inline: true }
    : { contentType: 'application/octet-stream', inline: false };
}
