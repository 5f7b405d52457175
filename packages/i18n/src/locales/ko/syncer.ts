import type { NamespaceMessages } from '../../types.ts';

export default {
  type_not_supported: '"{type}" 유형의 동기화기는 지원되지 않습니다. Latchkey는 "Database" 동기화기만 실행합니다.',
  database_type_not_supported:
    '데이터베이스 유형 "{databaseType}"은(는) 지원되지 않습니다. postgres 또는 mysql을 사용하세요.',
  ssh_not_supported: 'SSH 터널은 지원되지 않습니다. 동기화기가 데이터베이스에 직접 연결하도록 하세요.',
  ssl_mode_invalid: 'SSL 모드 "{sslMode}"은(는) 지원되지 않습니다. disable, require 또는 verify-full을 사용하세요.',
  host_invalid: '호스트는 호스트 이름 또는 IP 주소여야 합니다.',
  port_invalid: '포트는 1에서 65535 사이여야 합니다.',
  table_invalid:
    '테이블 이름 "{name}"은(는) 허용되지 않습니다. 문자, 숫자, 밑줄, 하이픈을 사용하세요(최대 schema.table).',
  column_invalid:
    '열 이름 "{name}"은(는) 허용되지 않습니다. 문자, 숫자, 밑줄, 하이픈을 사용하세요("first+last"는 열을 결합).',
  field_not_syncable: '사용자 필드 "{field}"은(는) 동기화기로 채울 수 없습니다.',
  columns_required: '동기화기에는 테이블 열(어느 열이 어느 사용자 필드를 채우는지)이 필요합니다.',
  name_column_required: '동기화기는 사용자 필드 Name(또는 Id)을 채워야 합니다.',
  interval_invalid: '동기화 간격은 0초 이상이어야 합니다.',
  connection_incomplete: '동기화기가 연결하려면 {field}이(가) 필요합니다.',
  not_found: '동기화기 {id}이(가) 존재하지 않습니다.',
  already_running: '동기화기 {id}이(가) 이미 실행 중입니다. 끝난 후 다시 시도하세요.',
  busy: '실행 중인 동기화기가 너무 많습니다. 잠시 후 다시 시도하세요.',
  address_refused: '데이터베이스 호스트 {host}은(는) 사설 또는 예약된 네트워크에 있어 동기화기가 접근할 수 없습니다.',
  timeout: '데이터베이스가 제시간에 응답하지 않았습니다: {detail}',
  too_many_rows: '테이블의 행이 한 번의 실행에서 읽는 수({max})보다 많습니다.',
  too_much_data: '데이터베이스가 한 번의 실행에서 읽는 양보다 많은 데이터를 보냈습니다.',
  failed: '동기화에 실패했습니다: {detail}',
  row_rejected: '{row}행({key})이(가) 동기화되지 않았습니다: {reason}',
} satisfies NamespaceMessages<'syncer'>;
