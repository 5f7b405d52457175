import { cssColorOrEmpty, httpUrlOrEmpty } from '@latchkey/types';
import { Anchor, Group } from '@mantine/core';

/**
 * An organization's logo as sign-in pages show it: whole, never cropped or stretched (it keeps its
 * aspect ratio within a bounded box). Only an http(s) address is ever rendered.
 */
export function BrandLogo({ src, alt }: { src: string | undefined; alt: string }) {
  const safe = httpUrlOrEmpty(src);
  if (!safe) return null;
  return (
    // A plain img: the address is the organization's, any size and shape, and must be shown as it is.
    // biome-ignore lint/performance/noImgElement: the logo is an outside address, not a static asset.
    <img
      src={safe}
      alt={alt}
      data-testid="branding-logo"
      style={{
        display: 'block',
        width: 'auto',
        height: 'auto',
        maxWidth: '100%',
        maxHeight: 64,
        objectFit: 'contain',
        margin: '0 auto',
      }}
    />
  );
}

/** The colour buttons of a sign-in page take: the organization's hex colour, else the console's own. */
export const brandColor = (color: string | undefined): string | undefined => cssColorOrEmpty(color) || undefined;

/** Links under a sign-in form: the organization's website and the application's terms of use (http(s) only). */
export function BrandLinks({
  website,
  websiteLabel,
  terms,
  termsLabel,
  color,
}: {
  website?: string;
  websiteLabel: string;
  terms?: string;
  termsLabel: string;
  color?: string;
}) {
  const safeWebsite = httpUrlOrEmpty(website);
  const safeTerms = httpUrlOrEmpty(terms);
  if (!safeWebsite && !safeTerms) return null;
  const style = brandColor(color) ? { color: brandColor(color) } : undefined;
  return (
    <Group justify="center" gap="md" data-testid="branding-links">
      {safeWebsite ? (
        <Anchor
          href={safeWebsite}
          target="_blank"
          rel="noopener noreferrer"
          size="sm"
          style={style}
          data-testid="branding-website"
        >
          {websiteLabel}
        </Anchor>
      ) : null}
      {safeTerms ? (
        <Anchor
          href={safeTerms}
          target="_blank"
          rel="noopener noreferrer"
          size="sm"
          style={style}
          data-testid="branding-terms"
        >
          {termsLabel}
        </Anchor>
      ) : null}
    </Group>
  );
}
