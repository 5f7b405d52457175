import type { NamespaceMessages } from '../../types.ts';

export default {
  provider_not_found: 'プロバイダー「{name}」は存在しないか、この組織では使用できません。',
  provider_wrong_category: 'プロバイダー「{name}」は {category} カテゴリのプロバイダーではありません。',
  no_provider: 'アプリケーションに {category} プロバイダーが設定されていません。',
  email_fields_required: 'タイトル、内容、送信者は必須です。',
  receivers_required: '受信者が少なくとも 1 人必要です。',
  too_many_receivers: '1 つのメッセージの受信者は最大 {max} 人です。',
  invalid_email_receiver: '「{receiver}」は有効なメールアドレスではありません。',
  invalid_phone_receiver: '「{receiver}」は有効な電話番号ではありません。',
  line_break_not_allowed: 'フィールド「{field}」に改行やその他の制御文字を含めることはできません。',
  content_too_long: 'フィールド「{field}」が長すぎます（最大 {max} 文字）。',
  email_type_not_supported:
    'タイプ "{type}" のメールプロバイダーはサポートされていません。SMTP プロバイダー、"SendGrid" または "Custom HTTP Email" を使用してください。',
  sms_type_not_supported:
    'タイプ "{type}" の SMS プロバイダーはサポートされていません。"Twilio" または "Custom HTTP SMS" を使用してください。',
  smtp_host_required: 'メールプロバイダーにホストがありません。',
  address_refused: 'プロバイダーのサーバーアドレスは許可されていません。公開インターネット上にありません。',
  delivery_timeout: 'プロバイダーのサーバーが時間内に応答しませんでした。',
  connection_failed: 'プロバイダーのサーバーに接続できませんでした。',
  connection_refused: 'プロバイダーのサーバーが接続を拒否しました（connection refused）。',
  smtp_auth_failed: 'SMTP サーバーがプロバイダーのユーザー名またはパスワードを拒否しました。',
  tls_failed: 'SMTP サーバーとの安全な（TLS）接続を確立できませんでした。',
  email_send_failed: 'SMTP サーバーがメールを拒否しました（コード {code}）。',
  email_api_failed: 'メールサービスが HTTP ステータス {status} を返しました。',
  sms_send_failed: 'SMS ゲートウェイが HTTP ステータス {status} を返しました。',
  provider_endpoint_invalid:
    'プロバイダーのエンドポイントは、資格情報を含まない http:// または https:// の URL である必要があります。',
  provider_request_invalid:
    'プロバイダーのリクエストを送信できません。エンドポイント、ヘッダー、コンテンツタイプを確認してください。',
  sms_method_invalid:
    'SMS メソッド「{method}」はサポートされていません。GET、POST、PUT、DELETE のいずれかを使用してください。',
} satisfies NamespaceMessages<'service'>;
