import type { NamespaceMessages } from '../../types.ts';

export default {
  wrong_username_or_password: "Tên người dùng hoặc mật khẩu không đúng.",
  account_locked: "Nhập sai mật khẩu quá nhiều lần. Tài khoản này đã bị khóa; vui lòng thử lại sau {minutes} phút.",
  user_forbidden: "Tài khoản này đã bị vô hiệu hóa.",
  malformed_authorization_header: "Tiêu đề Authorization phải là \"Bearer <token>\" hoặc \"Basic <credentials>\".",
  access_token_invalid: "Mã truy cập không hợp lệ.",
  access_token_expired: "Mã truy cập đã hết hạn.",
  access_token_revoked: "Mã truy cập đã bị thu hồi.",
  client_credentials_invalid: "ID ứng dụng khách hoặc mật khẩu ứng dụng khách không đúng.",
  access_key_invalid: "Khóa truy cập hoặc bí mật truy cập không đúng.",
  username_needs_organization: "Tên người dùng phải có dạng tổ chức/tên.",
  application_not_found: "Ứng dụng \"{name}\" không tồn tại.",
  password_signin_disabled: "Đăng nhập bằng mật khẩu chưa được bật ở đây.",
  unsupported_login_type: "Kiểu đăng nhập \"{type}\" không được hỗ trợ.",
} satisfies NamespaceMessages<'auth'>;
