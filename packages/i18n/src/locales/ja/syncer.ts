import type { NamespaceMessages } from '../../types.ts';

export default {
  type_not_supported:
    'タイプ「{type}」のシンクロナイザーはサポートされていません。Latchkey は「Database」シンクロナイザーのみを実行します。',
  database_type_not_supported:
    'データベースタイプ「{databaseType}」はサポートされていません。postgres または mysql を使用してください。',
  ssh_not_supported: 'SSH トンネルはサポートされていません。シンクロナイザーをデータベースに直接接続させてください。',
  ssl_mode_invalid:
    'SSL モード「{sslMode}」はサポートされていません。disable、require、verify-full のいずれかを使用してください。',
  host_invalid: 'ホストはホスト名または IP アドレスである必要があります。',
  port_invalid: 'ポートは 1 から 65535 の間である必要があります。',
  table_invalid:
    'テーブル名「{name}」は使用できません。英字、数字、アンダースコア、ハイフンを使用してください（最大で schema.table）。',
  column_invalid:
    '列名「{name}」は使用できません。英字、数字、アンダースコア、ハイフンを使用してください（「first+last」で列を結合）。',
  field_not_syncable: 'ユーザーフィールド「{field}」はシンクロナイザーで設定できません。',
  columns_required: 'シンクロナイザーにはテーブルの列（どの列がどのユーザーフィールドを埋めるか）が必要です。',
  name_column_required: 'シンクロナイザーはユーザーフィールド Name（または Id）を埋める必要があります。',
  interval_invalid: '同期間隔は 0 秒以上である必要があります。',
  connection_incomplete: 'シンクロナイザーの接続には {field} が必要です。',
  not_found: 'シンクロナイザー {id} は存在しません。',
  already_running: 'シンクロナイザー {id} はすでに実行中です。終了後にもう一度お試しください。',
  busy: '実行中のシンクロナイザーが多すぎます。しばらくしてからもう一度お試しください。',
  address_refused:
    'データベースホスト {host} はプライベートまたは予約済みのネットワーク上にあり、シンクロナイザーはアクセスできません。',
  timeout: 'データベースが時間内に応答しませんでした: {detail}',
  too_many_rows: 'テーブルの行数が 1 回の実行で読み取る数（{max}）を超えています。',
  too_much_data: 'データベースが 1 回の実行で読み取る量を超えるデータを送信しました。',
  failed: '同期に失敗しました: {detail}',
  row_rejected: '行 {row}（{key}）は同期されませんでした: {reason}',
} satisfies NamespaceMessages<'syncer'>;
