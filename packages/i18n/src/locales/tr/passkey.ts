import type { NamespaceMessages } from '../../types.ts';

export default {
  challenge_missing: 'Bu geçiş anahtarı isteğinin süresi doldu veya zaten yanıtlandı. Baştan başlayın.',
  verification_failed: 'Geçiş anahtarı doğrulanamadı.',
  response_invalid: 'Tarayıcının geçiş anahtarı yanıtı hatalı.',
  unknown_credential: 'Bu geçiş anahtarı burada kayıtlı değil.',
  already_registered: 'Bu geçiş anahtarı zaten kayıtlı.',
  not_found: 'Bu hesabın böyle bir geçiş anahtarı yok.',
  signin_disabled: 'Bu uygulama için geçiş anahtarıyla oturum açma etkin değil.',
  too_many: 'Bir hesabın en fazla {limit} geçiş anahtarı olabilir.',
  name_too_long: 'Bir geçiş anahtarının adı en fazla {limit} karakter olabilir.',
} satisfies NamespaceMessages<'passkey'>;
