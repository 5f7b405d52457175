import type { NamespaceMessages } from '../../types.ts';

export default {
  type_invalid: 'type은 "email" 또는 "phone"이어야 합니다.',
  method_invalid: '메서드 "{method}"은(는) 지원되지 않습니다. signup, login, forget 또는 reset을 사용하세요.',
  application_id_invalid: '"applicationId" 매개변수는 owner/name 형식으로 애플리케이션을 지정해야 합니다.',
  resend_too_soon: '{seconds}초 이내에 이 주소로 코드가 전송되었습니다. 잠시 후 다시 요청하세요.',
  too_many_codes: '인증 코드 요청이 너무 많습니다. 나중에 다시 시도하세요.',
  code_invalid: '인증 코드가 틀렸거나 만료되었거나 시도 횟수를 초과했습니다. 새 코드를 요청하세요.',
  forgot_password_disabled: '이 애플리케이션은 잊어버린 비밀번호 재설정을 제공하지 않습니다.',
  code_signin_disabled: '이 애플리케이션에서는 인증 코드 로그인이 활성화되어 있지 않습니다.',
  email_code_required: '이메일로 전송된 인증 코드를 입력하세요.',
  phone_code_required: '휴대폰으로 전송된 인증 코드를 입력하세요.',
  reset_type_invalid: 'type은 "email" 또는 "phone"이어야 합니다.',
  email_subject: '{organization}: 인증 코드',
  email_greeting: '안녕하세요.',
  email_intro: '{organization}의 인증 코드는 다음과 같습니다:',
  email_expiry: '{minutes}분 동안 유효하며 한 번만 사용할 수 있습니다.',
  email_ignore: '이 코드를 요청하지 않았다면 이 메시지를 무시하세요.',
  sms_text: '{organization}: 인증 코드는 {code}입니다. {minutes}분 동안 유효합니다.',
  email_sender_note: '{organization}에서 보냈습니다.',
} satisfies NamespaceMessages<'verification'>;
