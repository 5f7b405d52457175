import type { NamespaceMessages } from '../../types.ts';

export default {
  type_invalid: 'Loại phải là "email" hoặc "phone".',
  method_invalid: 'Phương thức "{method}" không được hỗ trợ: hãy dùng signup, login, forget hoặc reset.',
  application_id_invalid: 'Tham số "applicationId" phải chỉ định một ứng dụng dưới dạng owner/name.',
  resend_too_soon:
    'Một mã đã được gửi tới địa chỉ này chưa đầy {seconds} giây trước. Vui lòng chờ trước khi yêu cầu mã khác.',
  too_many_codes: 'Đã yêu cầu quá nhiều mã xác minh. Vui lòng thử lại sau.',
  code_invalid: 'Mã xác minh sai, đã hết hạn hoặc đã bị thử quá nhiều lần. Hãy yêu cầu mã mới.',
  forgot_password_disabled: 'Ứng dụng này không cho phép đặt lại mật khẩu đã quên.',
  code_signin_disabled: 'Đăng nhập bằng mã xác minh chưa được bật cho ứng dụng này.',
  email_code_required: 'Nhập mã xác minh đã gửi tới email của bạn.',
  phone_code_required: 'Nhập mã xác minh đã gửi tới điện thoại của bạn.',
  reset_type_invalid: 'Loại phải là "email" hoặc "phone".',
  email_subject: '{organization}: mã xác minh của bạn',
  email_greeting: 'Xin chào,',
  email_intro: 'Mã xác minh của bạn cho {organization} là:',
  email_expiry: 'Mã có hiệu lực trong {minutes} phút và chỉ dùng được một lần.',
  email_ignore: 'Nếu bạn không yêu cầu mã này, hãy bỏ qua thư này.',
  sms_text: '{organization}: mã xác minh của bạn là {code}. Có hiệu lực trong {minutes} phút.',
  email_sender_note: 'Được gửi bởi {organization}.',
} satisfies NamespaceMessages<'verification'>;
