import type { NamespaceMessages } from '../../types.ts';

export default {
  provider_not_found: '提供商“{name}”不存在，或此组织无法使用。',
  provider_wrong_category: '提供商“{name}”不是 {category} 类别的提供商。',
  no_provider: '该应用未设置 {category} 提供商。',
  email_fields_required: '标题、内容和发件人为必填项。',
  receivers_required: '至少需要一个接收者。',
  too_many_receivers: '一条消息最多可以有 {max} 个接收者。',
  invalid_email_receiver: '“{receiver}”不是有效的电子邮件地址。',
  invalid_phone_receiver: '“{receiver}”不是有效的电话号码。',
  line_break_not_allowed: '字段“{field}”不能包含换行符或其他控制字符。',
  content_too_long: '字段“{field}”过长（最多 {max} 个字符）。',
  email_type_not_supported:
    '不支持类型为 "{type}" 的邮件提供商；请使用 SMTP 提供商、"SendGrid" 或 "Custom HTTP Email"。',
  sms_type_not_supported: '不支持类型为 "{type}" 的短信提供商；请使用 "Twilio" 或 "Custom HTTP SMS"。',
  smtp_host_required: '该邮件提供商没有主机地址。',
  address_refused: '不允许使用该提供商的服务器地址：它不在公共互联网上。',
  delivery_timeout: '提供商的服务器未及时响应。',
  connection_failed: '无法连接到提供商的服务器。',
  smtp_auth_failed: 'SMTP 服务器拒绝了该提供商的用户名或密码。',
  tls_failed: '无法与 SMTP 服务器建立安全（TLS）连接。',
  email_send_failed: 'SMTP 服务器拒绝了该邮件（代码 {code}）。',
  email_api_failed: '邮件服务返回了 HTTP 状态 {status}。',
  sms_send_failed: '短信网关返回了 HTTP 状态 {status}。',
  provider_endpoint_invalid: '提供商的端点必须是不含凭据的 http:// 或 https:// URL。',
  provider_request_invalid: '无法发送提供商的请求：请检查其端点、请求头和内容类型。',
  sms_method_invalid: '不支持短信方法“{method}”；请使用 GET、POST、PUT 或 DELETE。',
} satisfies NamespaceMessages<'service'>;
