import type { NamespaceMessages } from '../../types.ts';

export default {
  challenge_missing: '이 패스키 요청이 만료되었거나 이미 응답되었습니다. 다시 시작하세요.',
  verification_failed: '패스키를 확인할 수 없습니다.',
  response_invalid: '브라우저의 패스키 응답 형식이 잘못되었습니다.',
  unknown_credential: '이 패스키는 여기에 등록되어 있지 않습니다.',
  already_registered: '이 패스키는 이미 등록되어 있습니다.',
  not_found: '이 계정에는 해당 패스키가 없습니다.',
  signin_disabled: '이 애플리케이션에서는 패스키 로그인이 사용 설정되어 있지 않습니다.',
  too_many: '계정당 패스키는 최대 {limit}개까지 가질 수 있습니다.',
  name_too_long: '패스키 이름은 최대 {limit}자까지 가능합니다.',
} satisfies NamespaceMessages<'passkey'>;
