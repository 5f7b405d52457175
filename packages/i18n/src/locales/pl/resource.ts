import type { NamespaceMessages } from '../../types.ts';

export default {
  file_required: 'Wyślij plik w polu multipart „file”.',
  user_and_path_required: 'Parametry „user” i „fullFilePath” są wymagane.',
  path_invalid:
    'Ścieżka w „{field}” jest niedozwolona: nie może zawierać części „.” ani „..”, ukośników wstecznych ani znaków sterujących i może mieć najwyżej {max} znaków.',
  path_conflict: 'Ścieżka jest zajęta przez folder lub plik o innej nazwie albo prowadzi przez dowiązanie symboliczne.',
  storage_type_not_supported:
    'Dostawcy magazynu typu „{type}” nie są obsługiwani; użyj „Local File System”, „AWS S3” lub „MinIO”.',
  storage_settings_incomplete:
    'Dostawca magazynu potrzebuje punktu końcowego, prawidłowej nazwy zasobnika, klucza dostępu i klucza tajnego.',
  storage_failed: 'Magazyn odrzucił plik (status HTTP {status}).',
  storage_unreachable: 'Nie udało się połączyć z magazynem.',
  file_not_found: 'Nie ma takiego pliku.',
} satisfies NamespaceMessages<'resource'>;
