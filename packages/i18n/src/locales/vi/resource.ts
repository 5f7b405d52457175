import type { NamespaceMessages } from '../../types.ts';

export default {
  file_required: 'Hãy gửi tệp trong trường multipart "file".',
  user_and_path_required: 'Các tham số "user" và "fullFilePath" là bắt buộc.',
  path_invalid:
    'Đường dẫn trong "{field}" không được phép: không được chứa phần "." hoặc "..", dấu gạch chéo ngược hay ký tự điều khiển, và tối đa {max} ký tự.',
  path_conflict: 'Đường dẫn đã bị một thư mục hoặc một tệp có tên khác chiếm, hoặc đi qua một liên kết tượng trưng.',
  storage_type_not_supported:
    'Không hỗ trợ nhà cung cấp lưu trữ loại "{type}"; hãy dùng "Local File System", "AWS S3" hoặc "MinIO".',
  storage_settings_incomplete: 'Nhà cung cấp lưu trữ cần điểm cuối, tên bucket hợp lệ, khóa truy cập và khóa bí mật.',
  storage_failed: 'Kho lưu trữ đã từ chối tệp (trạng thái HTTP {status}).',
  storage_unreachable: 'Không thể kết nối tới kho lưu trữ.',
  file_not_found: 'Không có tệp này.',
} satisfies NamespaceMessages<'resource'>;
