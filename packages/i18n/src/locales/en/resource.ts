export default {
  file_required: 'Send the file as the multipart field "file".',
  user_and_path_required: 'The parameters "user" and "fullFilePath" are required.',
  path_invalid:
    'The path in "{field}" is not allowed: it may not contain "." or ".." parts, backslashes or control characters, and may have at most {max} characters.',
  path_conflict: 'The path is taken by a folder or a file of another name, or passes through a symbolic link.',
  storage_type_not_supported:
    'Storage providers of type "{type}" are not supported; use "Local File System", "AWS S3" or "MinIO".',
  storage_settings_incomplete:
    'The Storage provider needs an endpoint, a valid bucket name, an access key and a secret key.',
  storage_failed: 'The storage refused the file (HTTP status {status}).',
  storage_unreachable: 'The storage could not be reached.',
  file_not_found: 'There is no such file.',
};
