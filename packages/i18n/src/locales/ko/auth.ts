import type { NamespaceMessages } from '../../types.ts';

export default {
  wrong_username_or_password: "사용자 이름 또는 비밀번호가 올바르지 않습니다.",
  account_locked: "잘못된 비밀번호가 너무 많아 이 계정이 잠겼습니다. {minutes}분 후에 다시 시도하세요.",
  user_forbidden: "이 계정은 비활성화되었습니다.",
  malformed_authorization_header: "Authorization 헤더는 \"Bearer <token>\" 또는 \"Basic <credentials>\" 형식이어야 합니다.",
  access_token_invalid: "액세스 토큰이 유효하지 않습니다.",
  access_token_expired: "액세스 토큰이 만료되었습니다.",
  access_token_revoked: "액세스 토큰이 취소되었습니다.",
  client_credentials_invalid: "클라이언트 ID 또는 클라이언트 시크릿이 올바르지 않습니다.",
  access_key_invalid: "액세스 키 또는 액세스 시크릿이 올바르지 않습니다.",
  username_needs_organization: "사용자 이름은 조직/이름 형식이어야 합니다.",
  application_not_found: "애플리케이션 \"{name}\"이(가) 존재하지 않습니다.",
  password_signin_disabled: "여기서는 비밀번호 로그인이 활성화되어 있지 않습니다.",
  unsupported_login_type: "로그인 유형 \"{type}\"은(는) 지원되지 않습니다.",
} satisfies NamespaceMessages<'auth'>;
