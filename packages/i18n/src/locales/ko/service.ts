import type { NamespaceMessages } from '../../types.ts';

export default {
  provider_not_found: '공급자 "{name}"이(가) 없거나 이 조직에서 사용할 수 없습니다.',
  provider_wrong_category: '공급자 "{name}"은(는) {category} 범주의 공급자가 아닙니다.',
  no_provider: '애플리케이션에 {category} 공급자가 설정되어 있지 않습니다.',
  email_fields_required: '제목, 내용, 보낸 사람은 필수입니다.',
  receivers_required: '수신자가 한 명 이상 필요합니다.',
  too_many_receivers: '메시지 하나의 수신자는 최대 {max}명입니다.',
  invalid_email_receiver: '"{receiver}"은(는) 올바른 이메일 주소가 아닙니다.',
  invalid_phone_receiver: '"{receiver}"은(는) 올바른 전화번호가 아닙니다.',
  line_break_not_allowed: '"{field}" 필드에는 줄바꿈이나 다른 제어 문자를 넣을 수 없습니다.',
  content_too_long: '"{field}" 필드가 너무 깁니다(최대 {max}자).',
  email_type_not_supported:
    '"{type}" 유형의 이메일 공급자는 지원되지 않습니다. SMTP 공급자, "SendGrid" 또는 "Custom HTTP Email"을 사용하세요.',
  sms_type_not_supported:
    '"{type}" 유형의 SMS 공급자는 지원되지 않습니다. "Twilio" 또는 "Custom HTTP SMS"를 사용하세요.',
  smtp_host_required: '이메일 공급자에 호스트가 없습니다.',
  address_refused: '공급자의 서버 주소는 허용되지 않습니다. 공용 인터넷에 있지 않습니다.',
  delivery_timeout: '공급자의 서버가 제시간에 응답하지 않았습니다.',
  connection_failed: '공급자의 서버에 연결할 수 없습니다.',
  connection_refused: '공급자의 서버가 연결을 거부했습니다(connection refused).',
  smtp_auth_failed: 'SMTP 서버가 공급자의 사용자 이름 또는 비밀번호를 거부했습니다.',
  tls_failed: 'SMTP 서버와 보안(TLS) 연결을 맺을 수 없습니다.',
  email_send_failed: 'SMTP 서버가 이메일을 거부했습니다(코드 {code}).',
  email_api_failed: '이메일 서비스가 HTTP 상태 {status}(으)로 응답했습니다.',
  sms_send_failed: 'SMS 게이트웨이가 HTTP 상태 {status}(으)로 응답했습니다.',
  provider_endpoint_invalid: '공급자의 엔드포인트는 자격 증명이 없는 http:// 또는 https:// URL이어야 합니다.',
  provider_request_invalid: '공급자의 요청을 보낼 수 없습니다. 엔드포인트, 헤더, 콘텐츠 유형을 확인하세요.',
  sms_method_invalid: 'SMS 메서드 "{method}"은(는) 지원되지 않습니다. GET, POST, PUT 또는 DELETE를 사용하세요.',
} satisfies NamespaceMessages<'service'>;
