import type { NamespaceMessages } from '../../types.ts';

export default {
  internal_error: 'サーバー側で問題が発生しました。しばらくしてから再試行してください（リクエスト {requestId}）。',
  route_not_found: '{path} に API はありません。',
  method_not_allowed: 'ここではメソッド {method} は使用できません。',
  malformed_json: 'リクエスト本文が有効な JSON ではありません。',
  malformed_body: 'リクエスト本文を読み取れませんでした。',
  invalid_content_type: 'Content-Type ヘッダーが無効です。',
  body_too_large: 'リクエスト本文が大きすぎます。',
  body_too_deep: 'リクエスト本文の入れ子が深すぎます。',
  nul_character: 'リクエストに使用できない NUL 文字が含まれています。',
  key_generation_busy:
    'サーバーが混み合っているため、今は新しい鍵を作成できません。しばらくしてからもう一度お試しください。',
  value_too_large: 'リクエスト内の値が長すぎるため保存できません。',
  invalid_field: 'フィールド「{field}」の値は許可されていません。',
  missing_parameter: 'パラメーター「{name}」は必須です。',
  invalid_parameter: 'パラメーター「{name}」の値は許可されていません。',
  invalid_id: 'ID「{id}」は owner/name の形式である必要があります。',
  forbidden_name_characters: '名前に次の文字を含めることはできません: / ? : # & % = + ;',
  please_login_first: '先にサインインしてください。',
  unauthorized_operation: 'この操作を行う権限がありません。',
  too_many_requests: 'リクエストが多すぎます。しばらく待ってから再試行してください。',
  ok: 'OK',
} satisfies NamespaceMessages<'general'>;
