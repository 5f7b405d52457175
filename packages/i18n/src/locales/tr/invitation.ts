import type { NamespaceMessages } from '../../types.ts';

export default {
  state_invalid: '"{state}" durumuna izin verilmiyor: Active veya Suspended kullanın.',
  quota_invalid: 'Kota 0 veya daha büyük bir tam sayı olmalıdır.',
  code_too_long: 'Kod ve varsayılan kod en fazla {max} karakter olabilir.',
  code_invalid: "Kod, Latchkey'in kullanabileceği bir düzenli ifade değil: {reason}",
  default_code_mismatch: 'Varsayılan kod, davetin kabul ettiği bir kod olmalıdır.',
  email_invalid: 'Davetin e-posta adresi geçerli değil.',
  expire_time_invalid:
    'Son geçerlilik zamanı bir tarih ve saat (ör. 2030-01-31T12:00:00Z) olmalı ya da boş bırakılmalıdır.',
  application_not_found: '{name} uygulaması {organization} kuruluşunun bir uygulaması değil.',
  code_required: 'Bu uygulamaya kaydolmak için bir davet kodu gerekir.',
  code_not_valid: 'Davet kodu geçerli değil.',
  suspended: 'Davet kodu askıya alındı.',
  expired: 'Davet kodunun süresi doldu.',
  exhausted: 'Davet kodu izin verdiği kadar kullanıldı.',
  username_mismatch: 'Davetin verildiği kullanıcı adıyla kaydolun.',
  email_mismatch: 'Davetin verildiği e-posta adresiyle kaydolun.',
  phone_mismatch: 'Davetin verildiği telefon numarasıyla kaydolun.',
  not_found: '{id} daveti yok.',
  no_application: '{organization} kuruluşunun kaydolunacak bir uygulaması yok.',
  no_email_provider:
    '{organization} kuruluşunun {application} uygulamasında davet göndermek için bir e-posta sağlayıcısı yok: sağlayıcılarına bir tane ekleyin.',
  email_title: 'Davet edildiniz',
  email_content:
    '{organization} kuruluşuna kaydolmaya davet edildiniz. Hesabınızı oluşturmak için bu bağlantıyı izleyin:',
  email_code: 'Davet kodunuz: {code}',
} satisfies NamespaceMessages<'invitation'>;
