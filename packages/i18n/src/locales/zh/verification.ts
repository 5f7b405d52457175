import type { NamespaceMessages } from '../../types.ts';

export default {
  type_invalid: '类型必须是 "email" 或 "phone"。',
  method_invalid: '不支持方法 "{method}"：请使用 signup、login、forget 或 reset。',
  application_id_invalid: '参数 "applicationId" 必须以 owner/name 的形式指明应用。',
  resend_too_soon: '{seconds} 秒内已向此地址发送过验证码，请稍后再试。',
  too_many_codes: '请求的验证码过多，请稍后再试。',
  code_invalid: '验证码错误、已过期或尝试次数过多。请重新获取验证码。',
  forgot_password_disabled: '此应用不提供重置忘记的密码。',
  code_signin_disabled: '此应用未启用验证码登录。',
  email_code_required: '请输入发送到您邮箱的验证码。',
  phone_code_required: '请输入发送到您手机的验证码。',
  reset_type_invalid: '类型必须是 "email" 或 "phone"。',
  email_subject: '{organization}：您的验证码',
  email_greeting: '您好，',
  email_intro: '您在 {organization} 的验证码是：',
  email_expiry: '验证码 {minutes} 分钟内有效，且只能使用一次。',
  email_ignore: '如果您没有请求此验证码，请忽略此邮件。',
  sms_text: '{organization}：您的验证码是 {code}，{minutes} 分钟内有效。',
  email_sender_note: '由 {organization} 发送。',
} satisfies NamespaceMessages<'verification'>;
