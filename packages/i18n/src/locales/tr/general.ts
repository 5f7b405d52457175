import type { NamespaceMessages } from '../../types.ts';

export default {
  internal_error: 'Bizim tarafımızda bir sorun oluştu. Lütfen daha sonra tekrar deneyin (istek {requestId}).',
  route_not_found: '{path} adresinde bir API yok.',
  method_not_allowed: '{method} yöntemine burada izin verilmiyor.',
  malformed_json: 'İstek gövdesi geçerli bir JSON değil.',
  malformed_body: 'İstek gövdesi okunamadı.',
  invalid_content_type: 'Content-Type üst bilgisi geçerli değil.',
  body_too_large: 'İstek gövdesi çok büyük.',
  body_too_deep: 'İstek gövdesi çok derin iç içe geçmiş.',
  nul_character: 'İstek, izin verilmeyen NUL karakterini içeriyor.',
  key_generation_busy: 'Sunucu şu anda yeni bir anahtar oluşturamayacak kadar meşgul; birazdan yeniden deneyin.',
  value_too_large: 'İstekteki bir değer kaydedilemeyecek kadar uzun.',
  invalid_field: '"{field}" alanının değerine izin verilmiyor.',
  missing_parameter: '"{name}" parametresi gereklidir.',
  invalid_parameter: '"{name}" parametresinin değerine izin verilmiyor.',
  invalid_id: '"{id}" kimliği sahip/ad biçiminde olmalıdır.',
  forbidden_name_characters: 'Ad şu karakterlerin hiçbirini içeremez: / ? : # & % = + ;',
  please_login_first: 'Lütfen önce oturum açın.',
  unauthorized_operation: 'Bu işlemi yapmaya yetkiniz yok.',
  too_many_requests: 'Çok fazla istek. Lütfen biraz bekleyip tekrar deneyin.',
  ok: 'Tamam',
} satisfies NamespaceMessages<'general'>;
