import type { NamespaceMessages } from '../../types.ts';

export default {
  password_alone_refused:
    '이 계정에는 두 번째 인증 요소가 필요하지만 이 로그인 방식으로는 요청할 수 없습니다. 로그인 페이지에서 로그인하세요.',
  passcode_wrong: '코드가 올바르지 않습니다.',
  passcode_used: '이 코드는 이미 사용되었습니다. 다음 코드를 기다리세요.',
  passcode_missing: '인증 앱의 코드 또는 복구 코드를 입력하세요.',
  recovery_code_wrong: '복구 코드가 올바르지 않거나 이미 사용되었습니다.',
  signin_expired: '이 로그인은 만료되었습니다. 비밀번호로 다시 로그인하세요.',
  type_unsupported: '두 번째 인증 요소 "{type}"은(는) 여기서 제공되지 않습니다. 인증 앱(app)을 사용하세요.',
  not_enrolled: '이 계정에는 두 번째 인증 요소 "{type}"이(가) 설정되어 있지 않습니다.',
  enrolment_missing: '진행 중인 두 번째 인증 요소 설정이 없습니다. 다시 시작하세요.',
  enrolment_not_verified: '먼저 인증 앱의 코드로 설정을 확인하세요.',
  enrol_first: '로그인을 마치려면 두 번째 인증 요소를 설정하세요.',
  interaction_required: '사용자가 먼저 두 번째 인증 요소를 통과해야 합니다.',
  page_verify_title: '2단계 인증',
  page_enrol_title: '2단계 인증 설정',
  page_signing_in_as: '{name}(으)로 로그인하는 중입니다.',
  page_verify_hint: '인증 앱에 표시된 6자리 코드를 입력하세요.',
  page_enrol_scan: '여기에 로그인하려면 두 번째 인증 요소가 필요합니다. 인증 앱으로 이 QR 코드를 스캔하세요.',
  page_qr_alt: '이 계정을 인증 앱에 추가하는 QR 코드',
  page_enrol_key: '또는 앱에 이 키를 입력하세요:',
  page_recovery_codes_intro:
    '이 복구 코드를 안전한 곳에 보관하세요. 기기를 잃어버렸을 때 각 코드로 한 번 로그인할 수 있습니다. 지금만 표시됩니다.',
  page_passcode: '앱의 코드',
  page_verify: '확인',
  page_enable: '켜고 계속하기',
  page_use_recovery_code: '대신 복구 코드 사용',
  page_recovery_code: '복구 코드',
  page_enrol_passkey: '대신 패스키 설정',
  page_enrol_passkey_hint:
    '또는 이 기기의 패스키, 보안 키 또는 휴대폰을 두 번째 인증 수단으로 사용하세요. 앱도 코드도 필요 없습니다.',
  page_enrol_passkey_name: '패스키',
} satisfies NamespaceMessages<'mfa'>;
