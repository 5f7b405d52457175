import type { NamespaceMessages } from '../../types.ts';

export default {
  provider_not_enabled: 'Ứng dụng này không cho phép đăng nhập bằng "{provider}".',
  method_unsupported: 'Phương thức "{method}" không được hỗ trợ ở đây; hãy dùng signin, signup hoặc link.',
  state_invalid: 'Lượt đăng nhập này không còn hợp lệ. Hãy bắt đầu lại từ trang đăng nhập.',
  provider_refused: '{provider} không cho phép bạn đăng nhập. Vui lòng thử lại.',
  provider_unreachable: 'Không thể kết nối tới {provider}. Vui lòng thử lại sau.',
  provider_answer_invalid: 'Không thể tin cậy câu trả lời từ {provider}, nên việc đăng nhập đã bị dừng.',
  provider_misconfigured: 'Đăng nhập bằng {provider} chưa được thiết lập đúng. Vui lòng báo cho quản trị viên.',
  signup_not_allowed:
    'Không có tài khoản nào ở đây được liên kết với tài khoản {provider} này, và không thể tạo tài khoản mới bằng nó.',
  account_linked_elsewhere: 'Tài khoản {type} này đã được liên kết với người dùng khác.',
  already_linked: 'Tài khoản của bạn đã được liên kết với một tài khoản {type} khác. Hãy hủy liên kết trước.',
  not_linked: 'Người dùng này chưa liên kết tài khoản {type} nào.',
  unlink_not_allowed: 'Không thể hủy liên kết tài khoản loại {type} ở đây.',
  type_unknown: 'Không thể liên kết tài khoản loại "{type}".',
  page_sign_in_with: 'Đăng nhập bằng {provider}',
  page_or: 'hoặc',
  page_callback_title: 'Đang đăng nhập…',
  page_linked_accounts: 'Tài khoản đã liên kết',
  page_link: 'Liên kết',
  page_unlink: 'Hủy liên kết',
  page_linked_as: 'Đã liên kết: {name}',
  page_not_linked: 'Chưa liên kết',
  page_linked: 'Đã liên kết tài khoản.',
  page_unlinked: 'Đã hủy liên kết tài khoản.',
  page_back_to_sign_in: 'Quay lại đăng nhập',
} satisfies NamespaceMessages<'federation'>;
