import type { NamespaceMessages } from '../../types.ts';

export default {
  state_invalid: 'Trạng thái "{state}" không được phép: hãy dùng Active hoặc Suspended.',
  quota_invalid: 'Hạn mức phải là số nguyên, từ 0 trở lên.',
  code_too_long: 'Mã và mã mặc định có tối đa {max} ký tự.',
  code_invalid: 'Mã không phải là biểu thức chính quy mà Latchkey có thể dùng: {reason}',
  default_code_mismatch: 'Mã mặc định phải là một mã mà lời mời chấp nhận.',
  email_invalid: 'Địa chỉ email của lời mời không hợp lệ.',
  expire_time_invalid: 'Thời điểm hết hạn phải là ngày giờ (như 2030-01-31T12:00:00Z) hoặc để trống.',
  application_not_found: 'Ứng dụng {name} không phải là ứng dụng của tổ chức {organization}.',
  code_required: 'Ứng dụng này cần mã mời để đăng ký.',
  code_not_valid: 'Mã mời không hợp lệ.',
  suspended: 'Mã mời đã bị tạm ngưng.',
  expired: 'Mã mời đã hết hạn.',
  exhausted: 'Mã mời đã được dùng hết số lần cho phép.',
  username_mismatch: 'Hãy đăng ký bằng tên người dùng mà lời mời dành cho.',
  email_mismatch: 'Hãy đăng ký bằng địa chỉ email mà lời mời dành cho.',
  phone_mismatch: 'Hãy đăng ký bằng số điện thoại mà lời mời dành cho.',
  not_found: 'Lời mời {id} không tồn tại.',
  no_application: 'Tổ chức {organization} không có ứng dụng nào để đăng ký.',
  no_email_provider:
    'Ứng dụng {application} của tổ chức {organization} không có nhà cung cấp email để gửi lời mời: hãy thêm một nhà cung cấp vào danh sách của nó.',
  email_title: 'Bạn được mời',
  email_content: 'Bạn được mời đăng ký tại {organization}. Hãy mở liên kết này để tạo tài khoản:',
  email_code: 'Mã mời của bạn: {code}',
} satisfies NamespaceMessages<'invitation'>;
