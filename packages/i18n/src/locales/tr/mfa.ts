import type { NamespaceMessages } from '../../types.ts';

export default {
  password_alone_refused:
    'Bu hesap ikinci bir doğrulama adımı gerektiriyor ve bu oturum açma yolu bunu isteyemez. Bunun yerine oturum açma sayfasından oturum açın.',
  passcode_wrong: 'Kod yanlış.',
  passcode_used: 'Bu kod zaten kullanıldı. Bir sonrakini bekleyin.',
  passcode_missing: 'Kimlik doğrulama uygulamanızdaki kodu veya bir kurtarma kodunu girin.',
  recovery_code_wrong: 'Kurtarma kodu yanlış veya zaten kullanılmış.',
  signin_expired: 'Bu oturum açma işleminin süresi doldu. Parolanızla yeniden oturum açın.',
  type_unsupported: '"{type}" ikinci adımı burada sunulmuyor; bir kimlik doğrulama uygulaması (app) kullanın.',
  not_enrolled: 'Bu hesapta "{type}" ikinci adımı ayarlanmamış.',
  enrolment_missing: 'Devam eden bir ikinci adım kurulumu yok; yeniden başlayın.',
  enrolment_not_verified: 'Önce kurulumu kimlik doğrulama uygulamanızdaki bir kodla onaylayın.',
  enrol_first: 'Oturum açmayı tamamlamak için ikinci bir adım ayarlayın.',
  interaction_required: 'Kullanıcının önce ikinci adımı geçmesi gerekiyor.',
  page_verify_title: 'İki adımlı doğrulama',
  page_enrol_title: 'İki adımlı doğrulamayı ayarla',
  page_signing_in_as: '{name} olarak oturum açılıyor.',
  page_verify_hint: 'Kimlik doğrulama uygulamanızın gösterdiği 6 haneli kodu girin.',
  page_enrol_scan:
    'Burada oturum açmak için ikinci bir adım gerekiyor. Bu QR kodunu bir kimlik doğrulama uygulamasıyla tarayın.',
  page_qr_alt: 'Bu hesabı bir kimlik doğrulama uygulamasına ekleyen QR kodu',
  page_enrol_key: 'Ya da bu anahtarı uygulamaya yazın:',
  page_recovery_codes_intro:
    'Bu kurtarma kodlarını güvenli bir yerde saklayın. Cihazınızı kaybederseniz her biri bir kez oturum açmanızı sağlar. Yalnızca şimdi gösterilirler.',
  page_passcode: 'Uygulamadaki kod',
  page_verify: 'Doğrula',
  page_enable: 'Aç ve devam et',
  page_use_recovery_code: 'Bunun yerine kurtarma kodu kullan',
  page_recovery_code: 'Kurtarma kodu',
  page_enrol_passkey: 'Bunun yerine geçiş anahtarı ayarla',
  page_enrol_passkey_hint:
    'Ya da ikinci faktör olarak bu cihazın geçiş anahtarını, bir güvenlik anahtarını veya telefonunuzu kullanın: uygulama ve kod gerekmez.',
  page_enrol_passkey_name: 'Geçiş anahtarı',
} satisfies NamespaceMessages<'mfa'>;
