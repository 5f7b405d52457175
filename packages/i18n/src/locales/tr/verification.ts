import type { NamespaceMessages } from '../../types.ts';

export default {
  type_invalid: 'Tür "email" ya da "phone" olmalıdır.',
  method_invalid: '"{method}" yöntemi desteklenmiyor: signup, login, forget veya reset kullanın.',
  application_id_invalid: '"applicationId" parametresi bir uygulamayı owner/name biçiminde belirtmelidir.',
  resend_too_soon:
    'Bu adrese {seconds} saniyeden kısa bir süre önce kod gönderildi. Yenisini istemeden önce lütfen bekleyin.',
  too_many_codes: 'Çok fazla doğrulama kodu istendi. Lütfen daha sonra yeniden deneyin.',
  code_invalid: 'Doğrulama kodu yanlış, süresi dolmuş ya da çok fazla denenmiş. Yeni bir kod isteyin.',
  forgot_password_disabled: 'Bu uygulama unutulan parolanın sıfırlanmasını sunmuyor.',
  code_signin_disabled: 'Bu uygulamada doğrulama koduyla oturum açma etkin değil.',
  email_code_required: 'E-posta adresinize gönderilen doğrulama kodunu girin.',
  phone_code_required: 'Telefonunuza gönderilen doğrulama kodunu girin.',
  reset_type_invalid: 'Tür "email" ya da "phone" olmalıdır.',
  email_subject: '{organization}: doğrulama kodunuz',
  email_greeting: 'Merhaba,',
  email_intro: '{organization} için doğrulama kodunuz:',
  email_expiry: '{minutes} dakika geçerlidir ve yalnızca bir kez kullanılabilir.',
  email_ignore: 'Bu kodu siz istemediyseniz bu iletiyi yok sayabilirsiniz.',
  sms_text: '{organization}: doğrulama kodunuz {code}. {minutes} dakika geçerlidir.',
  email_sender_note: '{organization} tarafından gönderildi.',
} satisfies NamespaceMessages<'verification'>;
