import type { NamespaceMessages } from '../../types.ts';

export default {
  state_invalid: '상태 "{state}"는 사용할 수 없습니다. Active 또는 Suspended를 사용하세요.',
  quota_invalid: '할당량은 0 이상의 정수여야 합니다.',
  code_too_long: '코드와 기본 코드는 최대 {max}자까지 가능합니다.',
  code_invalid: '코드가 Latchkey에서 사용할 수 있는 정규 표현식이 아닙니다: {reason}',
  default_code_mismatch: '기본 코드는 초대가 받아들이는 코드여야 합니다.',
  email_invalid: '초대의 이메일 주소가 올바르지 않습니다.',
  expire_time_invalid: '만료 시간은 날짜와 시간(예: 2030-01-31T12:00:00Z)이거나 비어 있어야 합니다.',
  application_not_found: '애플리케이션 {name}은(는) 조직 {organization}의 애플리케이션이 아닙니다.',
  code_required: '이 애플리케이션에 가입하려면 초대 코드가 필요합니다.',
  code_not_valid: '초대 코드가 올바르지 않습니다.',
  suspended: '초대 코드가 정지되었습니다.',
  expired: '초대 코드가 만료되었습니다.',
  exhausted: '초대 코드를 허용된 횟수만큼 모두 사용했습니다.',
  username_mismatch: '초대 대상인 사용자 이름으로 가입하세요.',
  email_mismatch: '초대 대상인 이메일 주소로 가입하세요.',
  phone_mismatch: '초대 대상인 전화번호로 가입하세요.',
  not_found: '초대 {id}이(가) 없습니다.',
  no_application: '조직 {organization}에는 가입할 애플리케이션이 없습니다.',
  no_email_provider:
    '조직 {organization}의 애플리케이션 {application}에 초대를 보낼 이메일 공급자가 없습니다. 공급자 목록에 추가하세요.',
  email_title: '초대가 도착했습니다',
  email_content: '{organization}에 가입하도록 초대되었습니다. 이 링크를 따라 계정을 만드세요:',
  email_code: '초대 코드: {code}',
} satisfies NamespaceMessages<'invitation'>;
