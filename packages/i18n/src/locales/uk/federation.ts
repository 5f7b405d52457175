import type { NamespaceMessages } from '../../types.ts';

export default {
  provider_not_enabled: 'Цей застосунок не пропонує вхід через «{provider}».',
  method_unsupported: 'Метод «{method}» тут не підтримується; використовуйте signin, signup або link.',
  state_invalid: 'Цей вхід більше не дійсний. Почніть знову зі сторінки входу.',
  provider_refused: '{provider} не дозволив увійти. Спробуйте ще раз.',
  provider_unreachable: 'Не вдалося зв’язатися з {provider}. Спробуйте пізніше.',
  provider_answer_invalid: 'Відповіді {provider} не можна було довіряти, тому вхід зупинено.',
  provider_misconfigured: 'Вхід через {provider} налаштовано неправильно. Повідомте адміністратора.',
  signup_not_allowed:
    'З цим обліковим записом {provider} тут не пов’язано жодного облікового запису, і створити з ним новий не можна.',
  account_linked_elsewhere: 'Цей обліковий запис {type} уже пов’язано з іншим користувачем.',
  already_linked: 'Ваш обліковий запис уже пов’язано з іншим обліковим записом {type}. Спершу від’єднайте його.',
  not_linked: 'З цим користувачем не пов’язано жодного облікового запису {type}.',
  unlink_not_allowed: 'Облікові записи типу {type} тут не можна від’єднати.',
  type_unknown: 'Облікові записи типу «{type}» не можна пов’язати.',
  page_sign_in_with: 'Увійти через {provider}',
  page_or: 'або',
  page_callback_title: 'Виконується вхід…',
  page_linked_accounts: 'Пов’язані облікові записи',
  page_link: 'Пов’язати',
  page_unlink: 'Від’єднати',
  page_linked_as: 'Пов’язано: {name}',
  page_not_linked: 'Не пов’язано',
  page_linked: 'Обліковий запис пов’язано.',
  page_unlinked: 'Обліковий запис від’єднано.',
  page_back_to_sign_in: 'Повернутися до входу',
} satisfies NamespaceMessages<'federation'>;
