import type { NamespaceMessages } from '../../types.ts';

export default {
  type_not_supported:
    '"{type}" türündeki eşitleyiciler desteklenmiyor: Latchkey yalnızca "Database" eşitleyicilerini çalıştırır.',
  database_type_not_supported: '"{databaseType}" veritabanı türü desteklenmiyor: postgres veya mysql kullanın.',
  ssh_not_supported: 'SSH tünelleri desteklenmiyor: eşitleyicinin veritabanına doğrudan bağlanmasına izin verin.',
  ssl_mode_invalid: '"{sslMode}" SSL modu desteklenmiyor: disable, require veya verify-full kullanın.',
  host_invalid: 'Ana bilgisayar bir ana bilgisayar adı veya IP adresi olmalıdır.',
  port_invalid: 'Bağlantı noktası 1 ile 65535 arasında olmalıdır.',
  table_invalid:
    '"{name}" tablo adına izin verilmiyor: harf, rakam, alt çizgi ve kısa çizgi kullanın (en fazla schema.table).',
  column_invalid:
    '"{name}" sütun adına izin verilmiyor: harf, rakam, alt çizgi ve kısa çizgi kullanın ("first+last" sütunları birleştirir).',
  field_not_syncable: '"{field}" kullanıcı alanı bir eşitleyici tarafından doldurulamaz.',
  columns_required: 'Eşitleyicinin tablo sütunlarına ihtiyacı var: hangi sütunun hangi kullanıcı alanını doldurduğu.',
  name_column_required: 'Eşitleyici Name (veya Id) kullanıcı alanını doldurmalıdır.',
  interval_invalid: 'Eşitleme aralığı 0 saniye veya daha fazla olmalıdır.',
  connection_incomplete: 'Eşitleyicinin bağlanmak için {field} değerine ihtiyacı var.',
  not_found: '{id} eşitleyicisi mevcut değil.',
  already_running: '{id} eşitleyicisi zaten çalışıyor; bittiğinde yeniden deneyin.',
  busy: 'Çok fazla eşitleyici çalışıyor; kısa süre sonra yeniden deneyin.',
  address_refused: '{host} veritabanı ana bilgisayarı, eşitleyicilerin erişemeyeceği özel veya ayrılmış bir ağda.',
  timeout: 'Veritabanı zamanında yanıt vermedi: {detail}',
  too_many_rows: 'Tabloda bir çalıştırmanın okuduğundan ({max}) daha fazla satır var.',
  too_much_data: 'Veritabanı bir çalıştırmanın okuduğundan daha fazla veri gönderdi.',
  failed: 'Eşitleme başarısız oldu: {detail}',
  row_rejected: '{row}. satır ({key}) eşitlenmedi: {reason}',
} satisfies NamespaceMessages<'syncer'>;
