import type { NamespaceMessages } from '../../types.ts';

export default {
  required: 'Hãy giải captcha trước.',
  wrong: 'Câu trả lời captcha sai, đã được dùng hoặc đã hết hạn: hãy lấy captcha mới.',
  not_human: 'Dịch vụ captcha không xác nhận bạn là người: hãy thử lại.',
  service_failed: 'Dịch vụ captcha không kiểm tra được câu trả lời: hãy thử lại sau ít phút.',
  type_mismatch: 'Loại captcha "{type}" không phải loại mà ứng dụng này dùng ({expected}).',
  type_not_supported:
    'Nhà cung cấp captcha loại "{type}" không được hỗ trợ: hãy dùng Default, reCAPTCHA v2, reCAPTCHA v3, hCaptcha hoặc Cloudflare Turnstile.',
  provider_not_found: 'Nhà cung cấp captcha {id} không tồn tại.',
  busy: 'Có quá nhiều captcha đang được tạo cùng lúc: hãy thử lại sau ít phút.',
} satisfies NamespaceMessages<'captcha'>;
