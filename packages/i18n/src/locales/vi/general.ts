import type { NamespaceMessages } from '../../types.ts';

export default {
  internal_error: 'Đã xảy ra lỗi ở phía chúng tôi. Vui lòng thử lại sau (yêu cầu {requestId}).',
  route_not_found: 'Không có API nào tại {path}.',
  method_not_allowed: 'Phương thức {method} không được phép ở đây.',
  malformed_json: 'Nội dung yêu cầu không phải JSON hợp lệ.',
  malformed_body: 'Không thể đọc nội dung yêu cầu.',
  invalid_content_type: 'Tiêu đề Content-Type không hợp lệ.',
  body_too_large: 'Nội dung yêu cầu quá lớn.',
  body_too_deep: 'Nội dung yêu cầu lồng nhau quá sâu.',
  nul_character: 'Yêu cầu chứa ký tự NUL, ký tự này không được phép.',
  key_generation_busy: 'Máy chủ đang quá bận để tạo khóa mới lúc này; vui lòng thử lại sau ít phút.',
  value_too_large: 'Một giá trị trong yêu cầu quá dài để lưu.',
  invalid_field: 'Trường "{field}" có giá trị không được phép.',
  missing_parameter: 'Tham số "{name}" là bắt buộc.',
  invalid_parameter: 'Tham số "{name}" có giá trị không được phép.',
  invalid_id: 'ID "{id}" phải có dạng owner/name.',
  forbidden_name_characters: 'Tên không được chứa bất kỳ ký tự nào sau: / ? : # & % = + ;',
  please_login_first: 'Vui lòng đăng nhập trước.',
  unauthorized_operation: 'Bạn không được phép thực hiện thao tác này.',
  too_many_requests: 'Quá nhiều yêu cầu. Vui lòng đợi một lát rồi thử lại.',
  ok: 'OK',
} satisfies NamespaceMessages<'general'>;
