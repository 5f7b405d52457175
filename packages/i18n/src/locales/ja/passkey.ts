import type { NamespaceMessages } from '../../types.ts';

export default {
  challenge_missing: 'このパスキーの要求は期限切れか、すでに応答済みです。最初からやり直してください。',
  verification_failed: 'パスキーを検証できませんでした。',
  response_invalid: 'ブラウザーからのパスキーの応答が不正です。',
  unknown_credential: 'このパスキーはここに登録されていません。',
  already_registered: 'このパスキーはすでに登録されています。',
  not_found: 'このアカウントにそのパスキーはありません。',
  signin_disabled: 'このアプリケーションではパスキーによるサインインが有効になっていません。',
  too_many: '1 つのアカウントに登録できるパスキーは最大 {limit} 個です。',
  name_too_long: 'パスキーの名前は最大 {limit} 文字です。',
} satisfies NamespaceMessages<'passkey'>;
