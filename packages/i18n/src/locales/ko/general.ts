import type { NamespaceMessages } from '../../types.ts';

export default {
  internal_error: '서버에서 문제가 발생했습니다. 잠시 후 다시 시도하세요(요청 {requestId}).',
  route_not_found: '{path}에는 API가 없습니다.',
  method_not_allowed: '여기서는 {method} 메서드를 사용할 수 없습니다.',
  malformed_json: '요청 본문이 올바른 JSON이 아닙니다.',
  malformed_body: '요청 본문을 읽을 수 없습니다.',
  invalid_content_type: 'Content-Type 헤더가 올바르지 않습니다.',
  body_too_large: '요청 본문이 너무 큽니다.',
  body_too_deep: '요청 본문의 중첩이 너무 깊습니다.',
  nul_character: '요청에 허용되지 않는 NUL 문자가 들어 있습니다.',
  key_generation_busy: '서버가 바빠 지금은 새 키를 만들 수 없습니다. 잠시 후 다시 시도하세요.',
  value_too_large: '요청에 있는 값이 너무 길어 저장할 수 없습니다.',
  invalid_field: '"{field}" 필드의 값이 허용되지 않습니다.',
  missing_parameter: '"{name}" 매개변수가 필요합니다.',
  invalid_parameter: '"{name}" 매개변수의 값이 허용되지 않습니다.',
  invalid_id: 'ID "{id}"는 owner/name 형식이어야 합니다.',
  forbidden_name_characters: '이름에는 다음 문자를 사용할 수 없습니다: / ? : # & % = + ;',
  please_login_first: '먼저 로그인하세요.',
  unauthorized_operation: '이 작업을 수행할 권한이 없습니다.',
  too_many_requests: '요청이 너무 많습니다. 잠시 후 다시 시도하세요.',
  ok: '확인',
} satisfies NamespaceMessages<'general'>;
