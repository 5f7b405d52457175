import type { NamespaceMessages } from '../../types.ts';

export default {
  password_alone_refused:
    'Tài khoản này cần yếu tố xác thực thứ hai mà cách đăng nhập này không thể yêu cầu. Hãy đăng nhập trên trang đăng nhập.',
  passcode_wrong: 'Mã không đúng.',
  passcode_used: 'Mã này đã được dùng. Hãy chờ mã tiếp theo.',
  passcode_missing: 'Nhập mã từ ứng dụng xác thực hoặc một mã khôi phục.',
  recovery_code_wrong: 'Mã khôi phục không đúng hoặc đã được dùng.',
  signin_expired: 'Phiên đăng nhập này đã hết hạn. Hãy đăng nhập lại bằng mật khẩu.',
  type_unsupported: 'Yếu tố thứ hai "{type}" không được cung cấp ở đây; hãy dùng ứng dụng xác thực (app).',
  not_enrolled: 'Tài khoản này chưa thiết lập yếu tố thứ hai "{type}".',
  enrolment_missing: 'Không có quá trình thiết lập yếu tố thứ hai nào đang diễn ra; hãy bắt đầu lại.',
  enrolment_not_verified: 'Hãy xác nhận thiết lập bằng một mã từ ứng dụng xác thực trước.',
  enrol_first: 'Hãy thiết lập yếu tố thứ hai để hoàn tất đăng nhập.',
  interaction_required: 'Người dùng phải vượt qua yếu tố thứ hai trước.',
  page_verify_title: 'Xác minh hai bước',
  page_enrol_title: 'Thiết lập xác minh hai bước',
  page_signing_in_as: 'Đang đăng nhập với tên {name}.',
  page_verify_hint: 'Nhập mã 6 chữ số mà ứng dụng xác thực hiển thị.',
  page_enrol_scan: 'Cần yếu tố thứ hai để đăng nhập tại đây. Hãy quét mã QR này bằng ứng dụng xác thực.',
  page_qr_alt: 'Mã QR để thêm tài khoản này vào ứng dụng xác thực',
  page_enrol_key: 'Hoặc nhập khóa này vào ứng dụng:',
  page_recovery_codes_intro:
    'Hãy cất giữ các mã khôi phục này ở nơi an toàn. Mỗi mã cho phép đăng nhập một lần nếu bạn mất thiết bị. Chúng chỉ được hiển thị lúc này.',
  page_passcode: 'Mã từ ứng dụng',
  page_verify: 'Xác minh',
  page_enable: 'Bật và tiếp tục',
  page_use_recovery_code: 'Dùng mã khôi phục',
  page_recovery_code: 'Mã khôi phục',
  page_enrol_passkey: 'Thiết lập khóa truy cập thay thế',
  page_enrol_passkey_hint:
    'Hoặc dùng khóa truy cập của thiết bị này, khóa bảo mật hay điện thoại làm yếu tố thứ hai: không cần ứng dụng hay mã.',
  page_enrol_passkey_name: 'Khóa truy cập',
} satisfies NamespaceMessages<'mfa'>;
