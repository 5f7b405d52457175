import type { NamespaceMessages } from '../../types.ts';

export default {
  wrong_username_or_password: "用户名或密码错误。",
  account_locked: "密码错误次数过多，此账户已被锁定，请在 {minutes} 分钟后重试。",
  user_forbidden: "此账户已被禁用。",
  malformed_authorization_header: "Authorization 请求头必须为 \"Bearer <token>\" 或 \"Basic <credentials>\"。",
  access_token_invalid: "访问令牌无效。",
  access_token_expired: "访问令牌已过期。",
  access_token_revoked: "访问令牌已被撤销。",
  client_credentials_invalid: "客户端 ID 或客户端密钥错误。",
  access_key_invalid: "访问密钥或访问密钥密文错误。",
  username_needs_organization: "用户名必须采用 组织/名称 的形式。",
  application_not_found: "应用“{name}”不存在。",
  password_signin_disabled: "此处未启用密码登录。",
  unsupported_login_type: "不支持登录类型“{type}”。",
} satisfies NamespaceMessages<'auth'>;
