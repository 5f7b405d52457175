import type { NamespaceMessages } from '../../types.ts';

export default {
  provider_not_found: '"{name}" sağlayıcısı yok ya da bu kuruluş tarafından kullanılamıyor.',
  provider_wrong_category: '"{name}" sağlayıcısı {category} kategorisinde bir sağlayıcı değil.',
  no_provider: 'Uygulama için bir {category} sağlayıcısı ayarlanmamış.',
  email_fields_required: 'Başlık, içerik ve gönderen zorunludur.',
  receivers_required: 'En az bir alıcı gerekir.',
  too_many_receivers: 'Bir iletinin en fazla {max} alıcısı olabilir.',
  invalid_email_receiver: '"{receiver}" geçerli bir e-posta adresi değil.',
  invalid_phone_receiver: '"{receiver}" geçerli bir telefon numarası değil.',
  line_break_not_allowed: '"{field}" alanı satır sonu ya da başka denetim karakterleri içeremez.',
  content_too_long: '"{field}" alanı çok uzun (en fazla {max} karakter).',
  email_type_not_supported:
    '"{type}" türündeki e-posta sağlayıcıları desteklenmiyor; bir SMTP sağlayıcısı, "SendGrid" veya "Custom HTTP Email" kullanın.',
  sms_type_not_supported:
    '"{type}" türündeki SMS sağlayıcıları desteklenmiyor; "Twilio" veya "Custom HTTP SMS" kullanın.',
  smtp_host_required: 'E-posta sağlayıcısının bir sunucu adresi yok.',
  address_refused: 'Sağlayıcının sunucu adresine izin verilmiyor: genel internette değil.',
  delivery_timeout: 'Sağlayıcının sunucusu zamanında yanıt vermedi.',
  connection_failed: 'Sağlayıcının sunucusuna ulaşılamadı.',
  connection_refused: 'Sağlayıcının sunucusu bağlantıyı reddetti (connection refused).',
  smtp_auth_failed: 'SMTP sunucusu sağlayıcının kullanıcı adını veya parolasını reddetti.',
  tls_failed: 'SMTP sunucusuyla güvenli (TLS) bağlantı kurulamadı.',
  email_send_failed: 'SMTP sunucusu e-postayı reddetti (kod {code}).',
  email_api_failed: 'E-posta hizmeti HTTP {status} durumuyla yanıt verdi.',
  sms_send_failed: 'SMS ağ geçidi HTTP {status} durumuyla yanıt verdi.',
  provider_endpoint_invalid:
    'Sağlayıcının uç noktası kimlik bilgisi içermeyen bir http:// veya https:// URL olmalıdır.',
  provider_request_invalid:
    'Sağlayıcının isteği gönderilemiyor: uç noktasını, başlıklarını ve içerik türünü denetleyin.',
  sms_method_invalid: '"{method}" SMS yöntemi desteklenmiyor; GET, POST, PUT veya DELETE kullanın.',
} satisfies NamespaceMessages<'service'>;
