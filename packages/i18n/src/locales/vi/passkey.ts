import type { NamespaceMessages } from '../../types.ts';

export default {
  challenge_missing: 'Yêu cầu khóa truy cập này đã hết hạn hoặc đã được trả lời. Hãy bắt đầu lại.',
  verification_failed: 'Không thể xác minh khóa truy cập.',
  response_invalid: 'Phản hồi khóa truy cập của trình duyệt không hợp lệ.',
  unknown_credential: 'Khóa truy cập này chưa được đăng ký ở đây.',
  already_registered: 'Khóa truy cập này đã được đăng ký.',
  not_found: 'Tài khoản này không có khóa truy cập đó.',
  signin_disabled: 'Ứng dụng này chưa bật đăng nhập bằng khóa truy cập.',
  too_many: 'Một tài khoản có thể có tối đa {limit} khóa truy cập.',
  name_too_long: 'Tên khóa truy cập dài tối đa {limit} ký tự.',
} satisfies NamespaceMessages<'passkey'>;
