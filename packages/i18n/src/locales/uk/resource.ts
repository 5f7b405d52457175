import type { NamespaceMessages } from '../../types.ts';

export default {
  file_required: 'Надішліть файл у полі multipart «file».',
  user_and_path_required: 'Параметри «user» і «fullFilePath» обовʼязкові.',
  path_invalid:
    'Шлях у «{field}» не дозволений: він не може містити частин «.» або «..», зворотних скісних рисок чи керівних символів і має бути не довшим за {max} символів.',
  path_conflict: 'Шлях зайнятий текою або файлом з іншою назвою чи проходить через символічне посилання.',
  storage_type_not_supported:
    'Провайдери сховища типу «{type}» не підтримуються; використовуйте «Local File System», «AWS S3» або «MinIO».',
  storage_settings_incomplete:
    'Провайдеру сховища потрібні адреса, дійсна назва бакета, ключ доступу й секретний ключ.',
  storage_failed: 'Сховище відхилило файл (HTTP-статус {status}).',
  storage_unreachable: 'Не вдалося звʼязатися зі сховищем.',
  file_not_found: 'Такого файлу немає.',
} satisfies NamespaceMessages<'resource'>;
