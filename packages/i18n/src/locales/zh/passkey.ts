import type { NamespaceMessages } from '../../types.ts';

export default {
  challenge_missing: '此通行密钥请求已过期或已被应答，请重新开始。',
  verification_failed: '无法验证通行密钥。',
  response_invalid: '浏览器返回的通行密钥应答格式有误。',
  unknown_credential: '此通行密钥未在此处注册。',
  already_registered: '此通行密钥已注册。',
  not_found: '此账号没有该通行密钥。',
  signin_disabled: '此应用未启用通行密钥登录。',
  too_many: '一个账号最多可有 {limit} 个通行密钥。',
  name_too_long: '通行密钥名称最多 {limit} 个字符。',
} satisfies NamespaceMessages<'passkey'>;
