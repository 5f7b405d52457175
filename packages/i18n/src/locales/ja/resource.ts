import type { NamespaceMessages } from '../../types.ts';

export default {
  file_required: 'ファイルを multipart フィールド「file」として送信してください。',
  user_and_path_required: 'パラメーター「user」と「fullFilePath」は必須です。',
  path_invalid:
    '「{field}」のパスは許可されていません。「.」や「..」の部分、バックスラッシュ、制御文字を含めることはできず、最大 {max} 文字です。',
  path_conflict: 'このパスは、フォルダーや別名のファイルに使われているか、シンボリックリンクを経由しています。',
  storage_type_not_supported:
    '種類「{type}」のストレージプロバイダーはサポートされていません。「Local File System」、「AWS S3」、「MinIO」のいずれかを使用してください。',
  storage_settings_incomplete:
    'ストレージプロバイダーには、エンドポイント、有効なバケット名、アクセスキー、シークレットキーが必要です。',
  storage_failed: 'ストレージがファイルを拒否しました（HTTP ステータス {status}）。',
  storage_unreachable: 'ストレージに接続できませんでした。',
  file_not_found: 'そのファイルはありません。',
} satisfies NamespaceMessages<'resource'>;
