import type { NamespaceMessages } from '../../types.ts';

export default {
  internal_error: '我们这边出了问题，请稍后再试（请求 {requestId}）。',
  route_not_found: '{path} 上没有 API。',
  method_not_allowed: '此处不允许使用 {method} 方法。',
  malformed_json: '请求正文不是有效的 JSON。',
  malformed_body: '无法读取请求正文。',
  invalid_content_type: 'Content-Type 请求头无效。',
  body_too_large: '请求正文过大。',
  body_too_deep: '请求正文的嵌套层级过深。',
  nul_character: '请求中含有不允许的 NUL 字符。',
  key_generation_busy: '服务器繁忙，暂时无法生成新密钥，请稍后重试。',
  value_too_large: '请求中的某个值过长，无法保存。',
  invalid_field: '字段“{field}”的值不被允许。',
  missing_parameter: '参数“{name}”是必需的。',
  invalid_parameter: '参数“{name}”的值不被允许。',
  invalid_id: 'ID“{id}”必须采用 owner/name 的形式。',
  forbidden_name_characters: '名称不能包含以下任何字符：/ ? : # & % = + ;',
  please_login_first: '请先登录。',
  unauthorized_operation: '您无权执行此操作。',
  too_many_requests: '请求过多，请稍候再试。',
  ok: '好的',
} satisfies NamespaceMessages<'general'>;
