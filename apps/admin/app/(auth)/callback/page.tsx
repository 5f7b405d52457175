import { translate } from '@latchkey/i18n';
import type { Metadata } from 'next';
import { ProviderCallback } from '@/components/auth/provider-callback';
import { getBrowserLanguage } from '@/lib/i18n/browser-language';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: translate(await getBrowserLanguage(), 'federation.page_callback_title'), robots: { index: false } };
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * Where outside providers send people back (`<origin>/callback?code&state&iss`). The page hands the
 * answer to the API (POST /api/login, through a server action that also takes the cookies) and
 * goes on from there; it shows only what went wrong, in the person's language.
 */
export default async function CallbackPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const language = await getBrowserLanguage();
  return (
    <ProviderCallback
      answer={{
        code: first(params.code),
        state: first(params.state),
        iss: first(params.iss),
        error: first(params.error),
      }}
      texts={{
        title: translate(language, 'federation.page_callback_title'),
        back: translate(language, 'federation.page_back_to_sign_in'),
      }}
    />
  );
}
