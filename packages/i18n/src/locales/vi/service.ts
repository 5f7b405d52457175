import type { NamespaceMessages } from '../../types.ts';

export default {
  provider_not_found: 'Nhà cung cấp "{name}" không tồn tại hoặc tổ chức này không thể dùng.',
  provider_wrong_category: 'Nhà cung cấp "{name}" không thuộc danh mục {category}.',
  no_provider: 'Ứng dụng chưa được thiết lập nhà cung cấp {category}.',
  email_fields_required: 'Tiêu đề, nội dung và người gửi là bắt buộc.',
  receivers_required: 'Cần ít nhất một người nhận.',
  too_many_receivers: 'Một tin nhắn có thể có tối đa {max} người nhận.',
  invalid_email_receiver: '"{receiver}" không phải là địa chỉ email hợp lệ.',
  invalid_phone_receiver: '"{receiver}" không phải là số điện thoại hợp lệ.',
  line_break_not_allowed: 'Trường "{field}" không được chứa dấu xuống dòng hay ký tự điều khiển khác.',
  content_too_long: 'Trường "{field}" quá dài (tối đa {max} ký tự).',
  email_type_not_supported:
    'Không hỗ trợ nhà cung cấp email loại "{type}"; hãy dùng nhà cung cấp SMTP, "SendGrid" hoặc "Custom HTTP Email".',
  sms_type_not_supported: 'Không hỗ trợ nhà cung cấp SMS loại "{type}"; hãy dùng "Twilio" hoặc "Custom HTTP SMS".',
  smtp_host_required: 'Nhà cung cấp email chưa có máy chủ.',
  address_refused: 'Địa chỉ máy chủ của nhà cung cấp không được phép: nó không nằm trên internet công cộng.',
  delivery_timeout: 'Máy chủ của nhà cung cấp không trả lời kịp thời.',
  connection_failed: 'Không thể kết nối tới máy chủ của nhà cung cấp.',
  connection_refused: 'Máy chủ của nhà cung cấp đã từ chối kết nối (connection refused).',
  smtp_auth_failed: 'Máy chủ SMTP đã từ chối tên người dùng hoặc mật khẩu của nhà cung cấp.',
  tls_failed: 'Không thể tạo kết nối an toàn (TLS) tới máy chủ SMTP.',
  email_send_failed: 'Máy chủ SMTP đã từ chối email (mã {code}).',
  email_api_failed: 'Dịch vụ email trả về trạng thái HTTP {status}.',
  sms_send_failed: 'Cổng SMS đã trả lời với mã trạng thái HTTP {status}.',
  provider_endpoint_invalid:
    'Điểm cuối của nhà cung cấp phải là URL http:// hoặc https:// không chứa thông tin đăng nhập.',
  provider_request_invalid: 'Không thể gửi yêu cầu của nhà cung cấp: hãy kiểm tra điểm cuối, tiêu đề và loại nội dung.',
  sms_method_invalid: 'Không hỗ trợ phương thức SMS "{method}"; hãy dùng GET, POST, PUT hoặc DELETE.',
} satisfies NamespaceMessages<'service'>;
