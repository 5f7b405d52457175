import type { NamespaceMessages } from '../../types.ts';

export default {
  file_required: 'Dosyayı "file" multipart alanında gönderin.',
  user_and_path_required: '"user" ve "fullFilePath" parametreleri zorunludur.',
  path_invalid:
    '"{field}" içindeki yola izin verilmiyor: "." veya ".." parçaları, ters eğik çizgi ya da denetim karakterleri içeremez ve en fazla {max} karakter olabilir.',
  path_conflict:
    'Yol, bir klasör ya da başka adlı bir dosya tarafından kullanılıyor veya sembolik bir bağlantıdan geçiyor.',
  storage_type_not_supported:
    '"{type}" türündeki depolama sağlayıcıları desteklenmiyor; "Local File System", "AWS S3" veya "MinIO" kullanın.',
  storage_settings_incomplete:
    'Depolama sağlayıcısının bir uç noktası, geçerli bir bucket adı, bir erişim anahtarı ve bir gizli anahtarı olmalıdır.',
  storage_failed: 'Depolama dosyayı reddetti (HTTP durumu {status}).',
  storage_unreachable: 'Depolamaya ulaşılamadı.',
  file_not_found: 'Böyle bir dosya yok.',
} satisfies NamespaceMessages<'resource'>;
