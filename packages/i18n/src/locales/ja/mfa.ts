import type { NamespaceMessages } from '../../types.ts';

export default {
  password_alone_refused:
    'このアカウントには第 2 要素が必要ですが、このサインイン方法では求めることができません。サインインページからサインインしてください。',
  passcode_wrong: 'コードが正しくありません。',
  passcode_used: 'このコードはすでに使用されています。次のコードを待ってください。',
  passcode_missing: '認証アプリのコード、またはリカバリーコードを入力してください。',
  recovery_code_wrong: 'リカバリーコードが正しくないか、すでに使用されています。',
  signin_expired: 'このサインインは期限切れです。パスワードでもう一度サインインしてください。',
  type_unsupported: '第 2 要素「{type}」はここでは提供されていません。認証アプリ（app）を使用してください。',
  not_enrolled: 'このアカウントには第 2 要素「{type}」が設定されていません。',
  enrolment_missing: '進行中の第 2 要素の設定はありません。最初からやり直してください。',
  enrolment_not_verified: 'まず認証アプリのコードで設定を確認してください。',
  enrol_first: 'サインインを完了するには第 2 要素を設定してください。',
  interaction_required: 'ユーザーはまず第 2 要素を通過する必要があります。',
  page_verify_title: '2 段階認証',
  page_enrol_title: '2 段階認証を設定',
  page_signing_in_as: '{name} としてサインインしています。',
  page_verify_hint: '認証アプリに表示される 6 桁のコードを入力してください。',
  page_enrol_scan: 'ここでサインインするには第 2 要素が必要です。認証アプリでこの QR コードを読み取ってください。',
  page_qr_alt: 'このアカウントを認証アプリに追加する QR コード',
  page_enrol_key: 'または、このキーをアプリに入力してください：',
  page_recovery_codes_intro:
    'これらのリカバリーコードを安全な場所に保管してください。デバイスを紛失したとき、各コードで 1 回サインインできます。表示されるのは今回だけです。',
  page_passcode: 'アプリのコード',
  page_verify: '確認',
  page_enable: '有効にして続行',
  page_use_recovery_code: '代わりにリカバリーコードを使う',
  page_recovery_code: 'リカバリーコード',
  page_enrol_passkey: '代わりにパスキーを設定する',
  page_enrol_passkey_hint:
    'または、このデバイスのパスキー、セキュリティキー、スマートフォンを 2 つ目の要素として使えます。アプリもコードも不要です。',
  page_enrol_passkey_name: 'パスキー',
} satisfies NamespaceMessages<'mfa'>;
