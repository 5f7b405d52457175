import type { NamespaceMessages } from '../../types.ts';

export default {
  file_required: '请将文件作为 multipart 字段“file”发送。',
  user_and_path_required: '参数“user”和“fullFilePath”为必填项。',
  path_invalid: '“{field}”中的路径不被允许：不能包含“.”或“..”部分、反斜杠或控制字符，且最多 {max} 个字符。',
  path_conflict: '该路径已被文件夹或其他名称的文件占用，或经过符号链接。',
  storage_type_not_supported: '不支持类型为“{type}”的存储提供商；请使用“Local File System”、“AWS S3”或“MinIO”。',
  storage_settings_incomplete: '存储提供商需要端点、有效的存储桶名称、访问密钥和秘密密钥。',
  storage_failed: '存储拒绝了该文件（HTTP 状态 {status}）。',
  storage_unreachable: '无法连接到存储。',
  file_not_found: '没有这个文件。',
} satisfies NamespaceMessages<'resource'>;
