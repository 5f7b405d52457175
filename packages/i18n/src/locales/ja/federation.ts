import type { NamespaceMessages } from '../../types.ts';

export default {
  provider_not_enabled: 'このアプリケーションでは「{provider}」でのサインインを利用できません。',
  method_unsupported: 'メソッド「{method}」はここでは使えません。signin、signup、link のいずれかを使ってください。',
  state_invalid: 'このサインインは無効になりました。サインインページからやり直してください。',
  provider_refused: '{provider} でのサインインが許可されませんでした。もう一度お試しください。',
  provider_unreachable: '{provider} に接続できませんでした。しばらくしてからもう一度お試しください。',
  provider_answer_invalid: '{provider} からの応答を信頼できなかったため、サインインを中止しました。',
  provider_misconfigured: '{provider} でのサインインが正しく設定されていません。管理者に連絡してください。',
  signup_not_allowed:
    'この {provider} アカウントにリンクされたアカウントはなく、このアカウントで新しいアカウントを作成することもできません。',
  account_linked_elsewhere: 'この {type} アカウントはすでに別のユーザーにリンクされています。',
  already_linked:
    'あなたのアカウントはすでに別の {type} アカウントにリンクされています。先にリンクを解除してください。',
  not_linked: 'このユーザーにリンクされた {type} アカウントはありません。',
  unlink_not_allowed: '{type} タイプのアカウントはここではリンクを解除できません。',
  type_unknown: '「{type}」タイプのアカウントはリンクできません。',
  page_sign_in_with: '{provider} でサインイン',
  page_or: 'または',
  page_callback_title: 'サインインしています…',
  page_linked_accounts: 'リンク済みアカウント',
  page_link: 'リンク',
  page_unlink: 'リンク解除',
  page_linked_as: 'リンク済み: {name}',
  page_not_linked: '未リンク',
  page_prompted: '組織がこのアカウントのリンクを求めています',
  page_linked: 'アカウントをリンクしました。',
  page_unlinked: 'アカウントのリンクを解除しました。',
  page_back_to_sign_in: 'サインインに戻る',
} satisfies NamespaceMessages<'federation'>;
