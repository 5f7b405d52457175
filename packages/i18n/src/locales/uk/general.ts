import type { NamespaceMessages } from '../../types.ts';

export default {
  internal_error: 'На нашому боці щось пішло не так. Спробуйте пізніше (запит {requestId}).',
  route_not_found: 'За адресою {path} немає API.',
  method_not_allowed: 'Метод {method} тут не дозволено.',
  malformed_json: 'Тіло запиту не є коректним JSON.',
  malformed_body: 'Не вдалося прочитати тіло запиту.',
  invalid_content_type: 'Заголовок Content-Type недійсний.',
  body_too_large: 'Тіло запиту завелике.',
  body_too_deep: 'Тіло запиту має надто глибоку вкладеність.',
  nul_character: 'Запит містить недопустимий символ NUL.',
  key_generation_busy: 'Сервер надто завантажений, щоб зараз створити новий ключ; спробуйте трохи пізніше.',
  value_too_large: 'Значення в запиті задовге, щоб його зберегти.',
  invalid_field: 'Поле «{field}» має недозволене значення.',
  missing_parameter: 'Параметр «{name}» є обов’язковим.',
  invalid_parameter: 'Параметр «{name}» має недозволене значення.',
  invalid_id: 'Ідентифікатор «{id}» повинен мати вигляд власник/назва.',
  forbidden_name_characters: 'Назва не може містити жоден із символів: / ? : # & % = + ;',
  please_login_first: 'Спочатку увійдіть.',
  unauthorized_operation: 'Ви не маєте права на цю дію.',
  too_many_requests: 'Забагато запитів. Зачекайте трохи й спробуйте знову.',
  ok: 'Гаразд',
} satisfies NamespaceMessages<'general'>;
