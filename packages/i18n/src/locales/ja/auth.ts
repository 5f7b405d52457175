import type { NamespaceMessages } from '../../types.ts';

export default {
  wrong_username_or_password: "ユーザー名またはパスワードが間違っています。",
  account_locked: "パスワードの誤りが多すぎるため、このアカウントはロックされています。{minutes} 分後に再試行してください。",
  user_forbidden: "このアカウントは無効になっています。",
  malformed_authorization_header: "Authorization ヘッダーは \"Bearer <token>\" または \"Basic <credentials>\" である必要があります。",
  access_token_invalid: "アクセストークンが無効です。",
  access_token_expired: "アクセストークンの有効期限が切れています。",
  access_token_revoked: "アクセストークンは取り消されています。",
  client_credentials_invalid: "クライアント ID またはクライアントシークレットが間違っています。",
  access_key_invalid: "アクセスキーまたはアクセスシークレットが間違っています。",
  username_needs_organization: "ユーザー名は 組織/名前 の形式である必要があります。",
  application_not_found: "アプリケーション「{name}」は存在しません。",
  password_signin_disabled: "ここではパスワードによるサインインは有効になっていません。",
  unsupported_login_type: "サインインの種類「{type}」はサポートされていません。",
} satisfies NamespaceMessages<'auth'>;
