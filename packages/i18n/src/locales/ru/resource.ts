import type { NamespaceMessages } from '../../types.ts';

export default {
  file_required: 'Отправьте файл в поле multipart «file».',
  user_and_path_required: 'Параметры «user» и «fullFilePath» обязательны.',
  path_invalid:
    'Путь в «{field}» не разрешён: он не может содержать части «.» или «..», обратные косые черты и управляющие символы и должен быть не длиннее {max} символов.',
  path_conflict: 'Путь занят папкой или файлом с другим именем либо проходит через символическую ссылку.',
  storage_type_not_supported:
    'Провайдеры хранилища типа «{type}» не поддерживаются; используйте «Local File System», «AWS S3» или «MinIO».',
  storage_settings_incomplete:
    'Провайдеру хранилища нужны адрес, допустимое имя бакета, ключ доступа и секретный ключ.',
  storage_failed: 'Хранилище отклонило файл (HTTP-статус {status}).',
  storage_unreachable: 'Не удалось связаться с хранилищем.',
  file_not_found: 'Такого файла нет.',
} satisfies NamespaceMessages<'resource'>;
