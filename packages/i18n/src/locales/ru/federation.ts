import type { NamespaceMessages } from '../../types.ts';

export default {
  provider_not_enabled: 'Это приложение не предлагает вход через «{provider}».',
  method_unsupported: 'Метод «{method}» здесь не поддерживается; используйте signin, signup или link.',
  state_invalid: 'Этот вход больше не действителен. Начните заново со страницы входа.',
  provider_refused: '{provider} не разрешил вход. Попробуйте ещё раз.',
  provider_unreachable: 'Не удалось связаться с {provider}. Попробуйте позже.',
  provider_answer_invalid: 'Ответу {provider} нельзя было доверять, поэтому вход прерван.',
  provider_misconfigured: 'Вход через {provider} настроен неправильно. Сообщите администратору.',
  signup_not_allowed:
    'С этим аккаунтом {provider} здесь не связан ни один аккаунт, и создать с ним новый аккаунт нельзя.',
  account_linked_elsewhere: 'Этот аккаунт {type} уже связан с другим пользователем.',
  already_linked: 'Ваш аккаунт уже связан с другим аккаунтом {type}. Сначала отвяжите его.',
  not_linked: 'С этим пользователем не связан ни один аккаунт {type}.',
  unlink_not_allowed: 'Аккаунты типа {type} здесь нельзя отвязать.',
  type_unknown: 'Аккаунты типа «{type}» нельзя привязать.',
  page_sign_in_with: 'Войти через {provider}',
  page_or: 'или',
  page_callback_title: 'Выполняется вход…',
  page_linked_accounts: 'Связанные аккаунты',
  page_link: 'Привязать',
  page_unlink: 'Отвязать',
  page_linked_as: 'Привязан: {name}',
  page_not_linked: 'Не привязан',
  page_linked: 'Аккаунт привязан.',
  page_unlinked: 'Аккаунт отвязан.',
  page_back_to_sign_in: 'Вернуться ко входу',
} satisfies NamespaceMessages<'federation'>;
