import type { NamespaceMessages } from '../../types.ts';

export default {
  file_required: '파일을 multipart 필드 "file"로 보내세요.',
  user_and_path_required: '"user"와 "fullFilePath" 매개변수는 필수입니다.',
  path_invalid:
    '"{field}"의 경로는 허용되지 않습니다. "." 또는 ".." 부분, 백슬래시, 제어 문자를 포함할 수 없으며 최대 {max}자입니다.',
  path_conflict: '경로가 폴더나 다른 이름의 파일에 사용 중이거나 심볼릭 링크를 거칩니다.',
  storage_type_not_supported:
    '"{type}" 유형의 스토리지 공급자는 지원되지 않습니다. "Local File System", "AWS S3" 또는 "MinIO"를 사용하세요.',
  storage_settings_incomplete: '스토리지 공급자에는 엔드포인트, 올바른 버킷 이름, 액세스 키, 비밀 키가 필요합니다.',
  storage_failed: '스토리지가 파일을 거부했습니다(HTTP 상태 {status}).',
  storage_unreachable: '스토리지에 연결할 수 없습니다.',
  file_not_found: '그런 파일이 없습니다.',
} satisfies NamespaceMessages<'resource'>;
