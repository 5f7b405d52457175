import type { NamespaceMessages } from '../../types.ts';

export default {
  internal_error: 'На нашей стороне что-то пошло не так. Повторите попытку позже (запрос {requestId}).',
  route_not_found: 'По адресу {path} нет API.',
  method_not_allowed: 'Метод {method} здесь не разрешён.',
  malformed_json: 'Тело запроса не является корректным JSON.',
  malformed_body: 'Не удалось прочитать тело запроса.',
  invalid_content_type: 'Заголовок Content-Type недействителен.',
  body_too_large: 'Тело запроса слишком велико.',
  body_too_deep: 'Тело запроса имеет слишком глубокую вложенность.',
  nul_character: 'Запрос содержит недопустимый символ NUL.',
  key_generation_busy: 'Сервер слишком загружен, чтобы сейчас создать новый ключ; повторите попытку чуть позже.',
  value_too_large: 'Значение в запросе слишком длинное, чтобы его сохранить.',
  invalid_field: 'Поле «{field}» содержит недопустимое значение.',
  missing_parameter: 'Параметр «{name}» обязателен.',
  invalid_parameter: 'Параметр «{name}» содержит недопустимое значение.',
  invalid_id: 'Идентификатор «{id}» должен иметь вид владелец/имя.',
  forbidden_name_characters: 'Имя не может содержать ни один из символов: / ? : # & % = + ;',
  please_login_first: 'Сначала войдите в систему.',
  unauthorized_operation: 'У вас нет прав на это действие.',
  too_many_requests: 'Слишком много запросов. Подождите немного и повторите попытку.',
  ok: 'ОК',
} satisfies NamespaceMessages<'general'>;
