import type { NamespaceMessages } from '../../types.ts';

export default {
  state_invalid: '状態「{state}」は使用できません。Active または Suspended を指定してください。',
  quota_invalid: '上限回数は 0 以上の整数にしてください。',
  code_too_long: 'コードと既定のコードは {max} 文字以内にしてください。',
  code_invalid: 'コードは Latchkey が使える正規表現ではありません: {reason}',
  default_code_mismatch: '既定のコードは、招待が受け付けるコードにしてください。',
  email_invalid: '招待のメールアドレスが正しくありません。',
  expire_time_invalid: '有効期限は日時（例: 2030-01-31T12:00:00Z）にするか、空にしてください。',
  application_not_found: 'アプリケーション {name} は組織 {organization} のアプリケーションではありません。',
  code_required: 'このアプリケーションに登録するには招待コードが必要です。',
  code_not_valid: '招待コードが正しくありません。',
  suspended: '招待コードは停止されています。',
  expired: '招待コードの有効期限が切れています。',
  exhausted: '招待コードは使用できる回数を使い切りました。',
  username_mismatch: '招待の対象のユーザー名で登録してください。',
  email_mismatch: '招待の対象のメールアドレスで登録してください。',
  phone_mismatch: '招待の対象の電話番号で登録してください。',
  not_found: '招待 {id} は存在しません。',
  no_application: '組織 {organization} には登録先のアプリケーションがありません。',
  no_email_provider:
    '組織 {organization} のアプリケーション {application} には招待を送るメールプロバイダーがありません。プロバイダーに追加してください。',
  email_title: '招待が届いています',
  email_content: '{organization} への登録に招待されました。次のリンクからアカウントを作成してください:',
  email_code: '招待コード: {code}',
} satisfies NamespaceMessages<'invitation'>;
